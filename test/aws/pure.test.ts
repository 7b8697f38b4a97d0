import { describe, expect, it } from 'vitest';
import { fromSummary, withDetail } from '../../src/aws/normalise.js';
import { parseRegions } from '../../src/aws/regions.js';
import { Pacer } from '../../src/aws/pacer.js';
import { InFlightLimit } from '../../src/aws/in-flight.js';
import { describeCredentialFailure } from '../../src/aws/credentials.js';
import { regionErrorOf } from '../../src/aws/errors.js';
import { csvCell } from '../../src/cli/format/csv.js';
import { sanitiseForTerminal } from '../../src/domain/text.js';

const ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/abc';

describe('normalisation', () => {
  it('keeps ACM spellings, makes ISO dates, and leaves what ACM omitted null', () => {
    const c = fromSummary({ CertificateArn: ARN, DomainName: 'shop.example.com', KeyAlgorithm: 'EC_prime256v1', NotAfter: new Date('2027-01-02T03:04:05Z') }, 'eu-west-1');
    expect(c).toMatchObject({ arn: ARN, accountId: '111122223333', keyAlgorithm: 'EC_prime256v1', notAfter: '2027-01-02T03:04:05.000Z', status: null, inUse: null, issuer: null });
    expect(c.detail).toEqual({ state: 'summary' });
  });

  it('overlays the detail, keeping tags and completing SANs and in-use', () => {
    const base = { ...fromSummary({ CertificateArn: ARN, SubjectAlternativeNameSummaries: ['a.example.com'] }, 'eu-west-1'), tags: { owner: 'web' } };
    const c = withDetail(base, {
      CertificateArn: ARN,
      SubjectAlternativeNames: ['a.example.com', 'b.example.com'],
      InUseBy: ['arn:aws:cloudfront::111122223333:distribution/E1'],
      Options: { CertificateTransparencyLoggingPreference: 'DISABLED', Export: 'ENABLED' },
      DomainValidationOptions: [{ DomainName: 'a.example.com', ValidationMethod: 'EMAIL', ValidationEmails: ['admin@example.com'] }],
      RenewalSummary: { RenewalStatus: 'FAILED', DomainValidationOptions: [], UpdatedAt: new Date('2026-01-01T00:00:00Z') },
      KeyUsages: [{ Name: 'DIGITAL_SIGNATURE' }],
    });
    expect(c.tags).toEqual({ owner: 'web' });
    expect(c.subjectAlternativeNames).toEqual(['a.example.com', 'b.example.com']);
    expect(c.inUse).toBe(true);
    expect(c.validationMethod).toBe('EMAIL');
    expect(c.transparencyLogging).toBe('DISABLED');
    expect(c.exportOption).toBe('ENABLED');
    expect(c.renewalStatus).toBe('FAILED');
    expect(c.keyUsages).toEqual(['DIGITAL_SIGNATURE']);
    expect(c.detail).toEqual({ state: 'complete' });
  });
});

describe('--regions', () => {
  it('accepts all, lists, and rejects typos with a suggestion', () => {
    expect(parseRegions(undefined)).toEqual({ kind: 'all' });
    expect(parseRegions('all')).toEqual({ kind: 'all' });
    expect(parseRegions('eu-west-1, us-east-1,eu-west-1')).toEqual({ kind: 'list', regions: ['eu-west-1', 'us-east-1'] });
    const bad = parseRegions('us-est-1');
    expect(bad).toHaveProperty('error');
    expect((bad as { error: string }).error).toContain("did you mean 'us-east-1'");
  });

  it('an explicit list with no region in it is an error, not an empty run', () => {
    for (const v of [' , ', ',', ',,,', ' ,\t, ']) expect(parseRegions(v)).toEqual({ error: expect.stringContaining('--regions names no region') });
    for (const v of ['', ' ']) expect(parseRegions(v)).toEqual({ error: expect.stringContaining('--regions is empty') });
  });
});

describe('pacer', () => {
  it('never exceeds its concurrency and runs every task', async () => {
    const pacer = new Pacer(1000, 3);
    let inFlight = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pacer.run(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, 2));
          inFlight--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('rejects queued tasks once aborted', async () => {
    const controller = new AbortController();
    const pacer = new Pacer(1, 1, controller.signal);
    const first = pacer.run(async () => 1);
    const second = pacer.run(async () => 2);
    controller.abort();
    await expect(first).resolves.toBe(1);
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('starts nothing while the run-wide in-flight bound is full, then does not catch up on the time it waited', async () => {
    let now = 0;
    const limit = new InFlightLimit(1);
    // 10 calls a second on a fake clock: one start slot every 100 ms.
    const pacer = new Pacer(10, 16, undefined, () => now, limit);
    let releaseHeld!: () => void;
    const held = limit.run(() => new Promise<void>((r) => (releaseHeld = r)));
    expect(limit.full).toBe(true);
    const started: number[] = [];
    const calls = [1, 2, 3].map((i) => pacer.run(async () => void started.push(i)));
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual([]);
    // A second goes by while the bound is full: ten start slots the pacer must not spend at once.
    now = 1000;
    releaseHeld();
    await held;
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual([1]);
    // Then one slot per 100 ms of the clock, as if it had never waited.
    now = 1100;
    await expect.poll(() => started).toEqual([1, 2]);
    now = 1200;
    await Promise.all(calls);
    expect(started).toEqual([1, 2, 3]);
  });
});

describe('in-flight bound', () => {
  it('never runs more than its limit; room is announced only when a slot is free with nobody queued for it', async () => {
    const limit = new InFlightLimit(2);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 3 }, () =>
      limit.run(async () => {
        peak = Math.max(peak, ++active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      }),
    );
    await new Promise((r) => setTimeout(r, 1));
    expect([gates.length, limit.full]).toEqual([2, true]);
    let room = false;
    void limit.whenRoom().then(() => (room = true));
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 1));
    // The freed slot went to the queued third task: still full, no room.
    expect([room, limit.full, gates.length]).toEqual([false, true, 2]);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 1));
    expect([room, limit.full]).toEqual([true, false]);
    gates.shift()!();
    await Promise.all(tasks);
    expect(peak).toBe(2);
  });
});

describe('error sentences', () => {
  it('maps SSO expiry to the login command', () => {
    const e = describeCredentialFailure(new Error('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login'), 'corp');
    expect(e.message).toContain('aws sso login --profile corp');
    expect(e.kind).toBe('sso-expired');
  });

  it('explains a disabled region', () => {
    const e = Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' });
    expect(regionErrorOf(e, 'me-south-1').message).toMatch(/not be enabled/);
  });
});

describe('hostile strings', () => {
  it('CSV neutralises formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(['x', 'y'])).toBe('x;y');
  });

  it('the terminal sanitiser disarms OSC title sets, colours, controls and bidi overrides', () => {
    const s = sanitiseForTerminal('a\u001b]0;pwned\u0007b\u001b[31mred\u001b[0m\u0000\u202eevil\nx');
    expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(s).toContain('red');
    expect(s).not.toContain('pwned\u0007');
  });
});
