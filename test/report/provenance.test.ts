import { describe, expect, it } from 'vitest';
import { safeCommandLine } from '../../src/report/command-line.js';
import { blastRadius } from '../../src/domain/endpoint-text.js';
import { certificateConsoleUrl } from '../../src/domain/console-url.js';
import { emptyCertificate } from '../../src/domain/certificate.js';

describe('the command line a report prints', () => {
  it('never carries a credential', () => {
    expect(
      safeCommandLine([
        '--endpoint-url', 'https://user:s3cret@acm.internal:8443',
        '--profile', 'prod',
        '--session-token', 'FwoGZXIvYXdzE',
        '--aws-secret=abc',
        'AKIAIOSFODNN7EXAMPLE',
        'report', '--summary',
      ]),
    ).toEqual(['--endpoint-url', 'https://<redacted>@acm.internal:8443', '--profile', 'prod', '--session-token', '<redacted>', '--aws-secret=<redacted>', '<redacted>', 'report', '--summary']);
  });
});

describe('blast radius', () => {
  const cert = emptyCertificate('arn:aws:acm:us-east-1:123456789012:certificate/abc', 'us-east-1');
  it('is null until the names that reach the certificate are read', () => {
    expect(blastRadius(cert)).toBeNull();
    expect(blastRadius({ ...cert, hostnames: [] } as typeof cert)).toBeNull();
  });
  it('names the first three and counts the rest', () => {
    const names = ['www.example.com', 'shop.example.com', 'api.example.com', 'a.example.com', 'b.example.com'];
    expect(blastRadius({ ...cert, hostnames: names } as typeof cert)).toBe('takes down www.example.com, shop.example.com, api.example.com and 2 more');
  });
});

describe('console links', () => {
  it('point at the certificate in its region, in its partition\'s console', () => {
    expect(certificateConsoleUrl('arn:aws:acm:eu-west-1:123456789012:certificate/1b2c3d4e-0000-4000-8000-000000000001')).toBe(
      'https://eu-west-1.console.aws.amazon.com/acm/home?region=eu-west-1#/certificates/1b2c3d4e-0000-4000-8000-000000000001',
    );
    expect(certificateConsoleUrl('arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc')).toBe('https://cn-north-1.console.amazonaws.cn/acm/home?region=cn-north-1#/certificates/abc');
  });
  it('are never built from an ARN that is not a well-formed ACM one', () => {
    for (const arn of [
      'arn:aws:acm:eu-west-1.evil.example/x:123456789012:certificate/abc',
      'arn:aws:acm:eu-west-1:123456789012:certificate/abc#@evil.example',
      'arn:aws:s3:::bucket',
      'arn:aws-iso:acm:us-iso-east-1:123456789012:certificate/abc',
      'not an arn',
    ])
      expect(certificateConsoleUrl(arn), arn).toBeNull();
  });
});
