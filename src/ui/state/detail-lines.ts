/**
 * The detail pane as pure lines (k9s-style renderer): every field of the model, "used by" decoded,
 * validation records, renewal summary, tags and findings. Every AWS string is sanitised here.
 * Long values wrap onto continuation lines so nothing is cut off; the view scrolls the lines.
 */
import { tlsSummary } from '../../domain/endpoint-text.js';
import { isLegacyProtocol } from '../../domain/tls-policies.js';
import type { Certificate } from '../../domain/certificate.js';
import { daysUntilExpiry } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import { severityRank } from '../../domain/finding.js';
import { formatAge } from '../../domain/duration.js';
import { safe } from '../../domain/text.js';
import { decodeArn } from '../../domain/arn.js';
import type { ExpiryDays } from '../../domain/thresholds.js';
import { daysLabel, expiryTone, formatDateTime, renewalSummary, statusTone, type Tone } from './format.js';

interface DetailLine {
  kind: 'title' | 'section' | 'field' | 'text' | 'blank';
  label?: string;
  text: string;
  tone?: Tone;
}

export const LABEL_WIDTH = 24;

/** Wrap at spaces where possible, hard-breaking words longer than a line (ARNs, serials). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const chars = [...text];
  if (chars.length <= w) return [text];
  const out: string[] = [];
  let start = 0;
  while (chars.length - start > w) {
    let cut = start + w;
    const space = chars.lastIndexOf(' ', cut);
    if (space > start + w / 3) cut = space;
    out.push(chars.slice(start, cut).join('').trimEnd());
    start = chars[cut] === ' ' ? cut + 1 : cut;
  }
  out.push(chars.slice(start).join(''));
  return out;
}

/** What one read stage (src/stages/) says about the certificate: a section of its own. */
export interface StageSection {
  title: string;
  facts: ReadonlyArray<{ label: string; value: string }>;
}

export function detailLines(
  cert: Certificate,
  now: Date,
  expiryDays: ExpiryDays,
  width: number,
  findings?: Finding[] | null,
  stages: readonly StageSection[] = [],
): DetailLine[] {
  const lines: DetailLine[] = [];
  const valueWidth = width - LABEL_WIDTH - 2;
  const field = (label: string, value: string | null | undefined, tone?: Tone) => {
    const parts = wrap(safe(value), valueWidth);
    parts.forEach((p, i) => lines.push({ kind: 'field', label: i === 0 ? label : '', text: p, tone }));
  };
  const text = (value: string, tone?: Tone, indent = 2) => {
    for (const p of wrap(value, width - indent - 1)) lines.push({ kind: 'text', text: ' '.repeat(indent) + p, tone });
  };
  const section = (title: string) => {
    lines.push({ kind: 'blank', text: '' });
    lines.push({ kind: 'section', text: title });
  };

  lines.push({ kind: 'title', text: safe(cert.domainName, '(no domain name)') });
  field('ARN', cert.arn);

  section('Certificate');
  field('Status', cert.status, statusTone(cert.status));
  field('Type', cert.type);
  field('Key algorithm', cert.keyAlgorithm, cert.keyAlgorithm === 'RSA_1024' ? 'danger' : undefined);
  field('Signature algorithm', cert.signatureAlgorithm);
  field('Issuer', cert.issuer);
  field('Subject', cert.subject);
  field('Serial', cert.serial);
  field('Not before', formatDateTime(cert.notBefore));
  const days = daysUntilExpiry(cert, now);
  field('Not after', cert.notAfter ? `${formatDateTime(cert.notAfter)}${days !== null ? `  (${days < 0 ? `expired ${daysLabel(days)}` : `${daysLabel(days)} left`})` : ''}` : null, expiryTone(days, expiryDays));
  field('Created', formatDateTime(cert.createdAt));
  field('Issued', formatDateTime(cert.issuedAt));
  field('Imported', formatDateTime(cert.importedAt));
  field('Revoked', cert.revokedAt ? `${formatDateTime(cert.revokedAt)}${cert.revocationReason ? ` (${safe(cert.revocationReason)})` : ''}` : null, cert.revokedAt ? 'danger' : undefined);
  field('Failure reason', cert.failureReason, cert.failureReason ? 'danger' : undefined);
  field('Account', cert.accountName ? `${cert.accountName} (${cert.accountId ?? 'unknown id'})` : cert.accountId);
  field('Region', cert.region);
  field('Managed by', cert.managedBy);
  field('Private CA', cert.certificateAuthorityArn);
  field('Key pair origin', cert.keyPairOrigin);
  field('Export option', cert.exportOption);
  field('Exported', cert.exported === null ? null : cert.exported ? 'yes — the private key has left ACM' : 'no', cert.exported ? 'warning' : undefined);
  field('Transparency logging', cert.transparencyLogging, cert.transparencyLogging === 'DISABLED' ? 'warning' : undefined);
  field('Key usages', cert.keyUsages.length ? cert.keyUsages.join(', ') : null);
  field('Extended key usages', cert.extendedKeyUsages.length ? cert.extendedKeyUsages.join(', ') : null);
  if (cert.detail.state === 'summary') field('Detail', 'not loaded yet (summary only)', 'muted');
  else if (cert.detail.state === 'complete' && cert.detail.cached)
    field('Detail', `from the local cache, described ${formatAge(now.getTime() - Date.parse(cert.detail.cached.describedAt))} ago — may be out of date`, 'warning');
  else if (cert.detail.state === 'searched') field('Detail', `loading; still to come: ${cert.detail.missingFields.join(', ')}`, 'muted');
  else if (cert.detail.state === 'failed') field('Detail', `failed: ${cert.detail.reason}; unknown: ${cert.detail.missingFields.join(', ')}`, 'danger');

  section(`Names (${cert.subjectAlternativeNames.length})`);
  if (cert.subjectAlternativeNames.length === 0) text('—', 'muted');
  for (const san of cert.subjectAlternativeNames) text(safe(san));

  section(`Used by (${cert.inUseBy.length})`);
  if (cert.inUseBy.length === 0) text(cert.inUse === false ? 'Not in use.' : cert.inUse === null ? 'Unknown.' : '—', 'muted');
  for (const arn of cert.inUseBy) {
    const d = decodeArn(arn);
    text(`${safe(d.service)}: ${safe(d.name)}${d.region ? `  (${safe(d.region)})` : ''}`);
    text(safe(arn), 'muted', 4);
  }

  // What it serves: each hostname, the endpoint it reaches, and the endpoint's TLS policy.
  if (cert.endpoints === null) {
    section('Serves');
    text('Not read: the load balancer, CloudFront or API Gateway reads did not run or failed for this account and region.', 'muted');
  } else {
    section(`Serves (${cert.hostnames === null ? 'names unknown' : `${cert.hostnames.length} name${cert.hostnames.length === 1 ? '' : 's'}`}, ${cert.endpoints.length} endpoint${cert.endpoints.length === 1 ? '' : 's'})`);
    if (cert.endpoints.length === 0) text('No listener, distribution or API domain presents it.', 'muted');
    for (const e of cert.endpoints) {
      const legacy = e.tls?.minimumProtocol ? isLegacyProtocol(e.tls.minimumProtocol) : false;
      text(`${safe(e.label)}  ${safe(tlsSummary(e))}${e.backendProtocol ? `  → backend ${e.backendProtocol}` : ''}`, legacy ? 'warning' : undefined);
      if (e.names.length === 0) text(cert.hostnames === null ? 'names unknown (Route 53 not read)' : 'no DNS name found pointing at it', 'muted', 4);
      for (const n of e.names) text(`${safe(n)} → ${safe(e.label)}`, undefined, 4);
    }
    for (const o of cert.servedElsewhere ?? []) text(`${safe(o.name)} → ${safe(o.target)} (outside AWS${o.cdn ? `: ${safe(o.cdn)}` : ''})`, 'warning');
  }

  section('Validation');
  field('Method', cert.validationMethod, cert.validationMethod === 'EMAIL' ? 'warning' : undefined);
  if (cert.domainValidations.length === 0) text('No validation records (not loaded, or imported).', 'muted');
  for (const v of cert.domainValidations) {
    const status = v.validationStatus ?? null;
    text(`${safe(v.domainName)} — ${safe(v.validationMethod)} · ${safe(status)}`, status === 'SUCCESS' ? 'ok' : status === 'FAILED' ? 'danger' : status ? 'warning' : undefined);
    if (v.resourceRecord) text(`${safe(v.resourceRecord.type)}  ${safe(v.resourceRecord.name)} → ${safe(v.resourceRecord.value)}`, undefined, 4);
    if (v.validationDomain && v.validationDomain !== v.domainName) text(`validation domain ${safe(v.validationDomain)}`, 'muted', 4);
    if (v.validationEmails.length) text(`emails: ${v.validationEmails.map((e) => safe(e)).join(', ')}`, undefined, 4);
    if (v.httpRedirect) text(`HTTP ${safe(v.httpRedirect.from)} → ${safe(v.httpRedirect.to)}`, undefined, 4);
  }

  section('Renewal');
  field('Eligibility', cert.renewalEligibility);
  field('Status', cert.renewalStatus, cert.renewalStatus === 'FAILED' ? 'danger' : undefined);
  field('Reason', cert.renewalStatusReason);
  field('Updated', formatDateTime(cert.renewalUpdatedAt));
  text(safe(renewalSummary(cert, now)));

  const tags = Object.entries(cert.tags ?? {});
  section(cert.tags === null ? 'Tags (unknown)' : `Tags (${tags.length})`);
  if (cert.tagsState.state === 'failed') text(`Could not be read: ${safe(cert.tagsState.reason)}`, 'warning');
  else if (cert.tags === null) text('Not read yet.', 'muted');
  else if (tags.length === 0) text('No tags.', 'muted');
  for (const [k, v] of tags) text(`${safe(k)} = ${safe(v, '')}`);

  for (const stage of stages) {
    if (stage.facts.length === 0) continue;
    section(safe(stage.title));
    for (const f of stage.facts) field(safe(f.label), f.value);
  }

  if (findings) {
    const mine = findings.filter((f) => f.certificateArn === cert.arn).sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    section(`Findings (${mine.length})`);
    if (mine.length === 0) text('No findings for this certificate.', 'ok');
    for (const f of mine) {
      const tone: Tone = f.severity === 'critical' || f.severity === 'high' ? 'danger' : f.severity === 'medium' ? 'warning' : 'muted';
      text(`[${f.severity}] ${safe(f.title)} (${safe(f.ruleId)})${f.provisional ? ' — provisional, detail still loading' : ''}`, tone);
      text(safe(f.detail), undefined, 4);
      text(`Fix: ${safe(f.remediation)}`, 'accent', 4);
    }
  }
  return lines;
}
