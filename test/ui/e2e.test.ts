/**
 * End to end: the real binary in a real terminal (tmux) on the built-in demo account.
 * Needs tmux and a build (`npm run build`; `npm test` builds first). Polls the pane with a deadline.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/domain/certificate.js';
import { haystackOf } from '../../src/ui/state/filter.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const session = `acm-e2e-${process.pid}-${Date.now()}`;
const work = mkdtempSync(join(tmpdir(), 'acm-e2e-'));
const codeFile = join(work, 'exit-code');
// An empty HOME of the test's own (removed with `work`): nothing is read from, or written to, the developer's.
const home = join(work, 'home');
mkdirSync(home);
const cleanEnv = { PATH: process.env.PATH ?? '', HOME: home, ACM_ADVISOR_CONFIG_DIR: join(home, 'cfg'), AWS_EC2_METADATA_DISABLED: 'true' };

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function pane(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll the pane until `test` passes or the deadline; the failure message shows the last screen. */
async function waitForPane(what: string, test: (screen: string) => boolean, deadlineMs = 15_000): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = pane();
    if (test(screen)) return screen;
    await pause(50);
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
}

function send(...keys: string[]): void {
  tmux('send-keys', '-t', session, ...keys);
}

function typeText(text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
}

/** A demo certificate whose domain name only it contains, so the filter's first row must be it. */
function pickCertificate(): { domainName: string; arn: string } {
  const out = execFileSync('node', ['bin/acm-advisor.js', '--demo', 'inventory', '--format', 'json'], { cwd: root, env: cleanEnv, encoding: 'utf8', timeout: 30_000 });
  const certs = (JSON.parse(out) as { certificates: Certificate[] }).certificates;
  const hay = certs.map((c) => haystackOf({ ...c, tags: c.tags ?? {}, subjectAlternativeNames: c.subjectAlternativeNames ?? [] }));
  const unique = certs.find(
    (c, i) => c.domainName && !c.domainName.includes('*') && c.domainName.length < 40 && hay.every((h, j) => j === i || !h.includes(c.domainName!.toLowerCase())),
  );
  if (!unique) throw new Error('the demo account has no certificate with a unique domain name');
  return { domainName: unique.domainName!, arn: unique.arn };
}

describe('acm-advisor --demo in a real terminal (tmux)', () => {
  beforeAll(() => {
    const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error('tmux is required for the end-to-end TUI test (apt-get install tmux); it was not found on PATH.');
    }
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });

  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(work, { recursive: true, force: true });
  });

  it('overview → 2 → / query → Enter → Enter opens the certificate → y copies its ARN → Esc → q exits 0 and restores the terminal', async () => {
    const target = pickCertificate();
    const command = `cd '${root}' && env -i PATH="$PATH" HOME='${home}' TERM=xterm-256color AWS_EC2_METADATA_DISABLED=true ACM_ADVISOR_CONFIG_DIR='${home}/cfg' node bin/acm-advisor.js --demo; echo $? > '${codeFile}'; echo E2E-SHELL-BACK; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
    tmux('set-option', '-s', 'set-clipboard', 'on');

    let screen = await waitForPane('the overview', (s) => s.includes('Expiry — next 12 months') && s.includes('READ-ONLY'));
    expect(screen).toContain('profile demo');
    await waitForPane('the load to finish', (s) => s.includes('loaded'));

    send('2');
    screen = await waitForPane('the certificate table', (s) => /\d+ certificates/.test(s) && s.includes('Domain'));

    send('/');
    await waitForPane('the filter input', (s) => s.split('\n')[2]?.startsWith('/') ?? false);
    typeText(target.domainName);
    screen = await waitForPane('the filtered count', (s) => new RegExp(`/${target.domainName.replace(/\./g, '\\.')}.*\\d+ of \\d+`).test(s));

    send('Enter');
    await waitForPane('the confirmed filter', (s) => s.includes('Enter open'));
    send('Enter');
    screen = await waitForPane('the detail pane', (s) => s.includes('Used by'));
    expect(screen.split('\n')[2]).toContain(target.domainName);
    expect(screen).toContain(target.arn);

    // y copies the ARN with OSC 52: tmux (set-clipboard on) keeps what the terminal was asked to copy in its buffer.
    send('y');
    await waitForPane('the copy notice', (s) => s.includes('Copied arn:aws:acm:'));
    const deadline = Date.now() + 5000;
    while (tmux('show-buffer').trim() !== target.arn && Date.now() < deadline) await pause(50);
    expect(tmux('show-buffer').trim()).toBe(target.arn);

    send('Escape');
    screen = await waitForPane('the table again', (s) => s.includes('Domain') && !s.includes('Used by'));
    expect(screen).toContain(target.domainName);

    send('q');
    screen = await waitForPane('the shell after exit', (s) => s.includes('E2E-SHELL-BACK'));
    expect(screen).not.toContain('READ-ONLY');
    expect(screen).not.toContain('Domain');
    expect(readFileSync(codeFile, 'utf8').trim()).toBe('0');
  });

  it('without credentials says why in one sentence and offers the demo account', async () => {
    const noCredsHome = mkdtempSync(join(tmpdir(), 'acm-e2e-home-'));
    const noCreds = `${session}-nocreds`;
    // A clean environment: no AWS variables, an empty HOME, no instance metadata to probe.
    const command = `cd '${root}' && env -i PATH="$PATH" HOME='${noCredsHome}' TERM=xterm-256color AWS_EC2_METADATA_DISABLED=true ACM_ADVISOR_CONFIG_DIR='${noCredsHome}/cfg' node bin/acm-advisor.js; echo $? > '${codeFile}-2'; echo E2E-SHELL-BACK; sleep 60`;
    tmux('new-session', '-d', '-s', noCreds, '-x', '120', '-y', '40', command);
    try {
      const at = (test: (s: string) => boolean, what: string) =>
        (async () => {
          const deadline = Date.now() + 15_000;
          let screen = '';
          while (Date.now() < deadline) {
            screen = tmux('capture-pane', '-p', '-t', noCreds);
            if (test(screen)) return screen;
            await pause(50);
          }
          throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
        })();
      const screen = await at((s) => s.includes('[Y/n]'), 'the demo offer');
      expect(screen).toMatch(/no AWS credentials found/);
      tmux('send-keys', '-t', noCreds, 'Enter');
      await at((s) => s.includes('READ-ONLY') && s.includes('profile demo'), 'the demo overview');
      // Keys sent before Ink has switched the terminal to raw mode can be swallowed: wait until settled.
      await at((s) => s.includes('loaded'), 'the demo load to finish');
      tmux('send-keys', '-t', noCreds, 'q');
      await at((s) => s.includes('E2E-SHELL-BACK'), 'the shell after exit');
      expect(readFileSync(`${codeFile}-2`, 'utf8').trim()).toBe('0');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', noCreds]);
      rmSync(noCredsHome, { recursive: true, force: true });
    }
  });
});
