/**
 * The audit as SARIF 2.1.0 (OASIS), the format GitHub code scanning, GitLab and most CI dashboards read.
 *
 * One run; one reporting descriptor per audit rule (from RULES, so a new rule appears by itself) with its
 * rationale, fix and references as help; one result per finding. A certificate is not a file in the
 * repository, so each result is placed at a stable virtual path (acm/ACCOUNT/REGION/CERTIFICATE-ID, line 1)
 * — code scanning requires a physical location — and names the ARN as a logical location.
 * GitHub tracks an alert across uploads by partialFingerprints: here a hash of the rule and the ARN, which
 * survives renewals and re-reads. Limits honoured (GitHub's "SARIF results exceed limit" page): at most
 * 25,000 results a run (the worst kept, the cut said in the run's notifications), 20 tags a rule, one
 * location a result.
 */
import { createHash } from 'node:crypto';
import { severityRank, type Severity } from '../../domain/finding.js';
import { certificateConsoleUrl } from '../../domain/console-url.js';
import type { Rule } from '../../audit/rules/index.js';
import type { FindingRecord } from '../../audit/finding-record.js';
import { findingKey, findingSubject } from '../../audit/finding-record.js';
import { referenceUrl } from '../../audit/reference-url.js';
import { toInertJson } from '../../domain/text.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning's hard limit on results in one run. */
export const SARIF_MAX_RESULTS = 25_000;
const FINGERPRINT = 'acmAdvisorFinding/v1';

type Level = 'error' | 'warning' | 'note';

function level(severity: Severity): Level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** GitHub maps security-severity to its own scale: over 9 critical, 7–8.9 high, 4–6.9 medium, below low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

function descriptor(rule: Rule) {
  const worst = [...rule.severities].sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'info';
  const links = rule.references.map((r) => ({ r, url: referenceUrl(r) }));
  const refText = rule.references.length ? `\n\nReferences: ${rule.references.join('; ')}.` : '';
  const refMarkdown = links.length ? `\n\n**References:** ${links.map(({ r, url }) => (url ? `[${r}](${url})` : r)).join(', ')}` : '';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nFix: ${rule.remediation}${refText}`,
      markdown: `${rule.rationale}\n\n**Fix:** ${rule.remediation}${refMarkdown}`,
    },
    ...(links.find((l) => l.url) ? { helpUri: links.find((l) => l.url)!.url! } : {}),
    defaultConfiguration: { level: level(worst) },
    properties: {
      tags: ['security', 'acm', 'certificates'],
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[worst],
      references: [...rule.references],
    },
  };
}

/** A path segment made only of URI-safe characters: the values come from AWS and could hold anything. */
function segment(value: string | null, fallback: string): string {
  const clean = (value ?? '').replace(/[^A-Za-z0-9._-]/g, '_');
  return clean === '' ? fallback : clean;
}

function location(f: FindingRecord) {
  const account = segment(f.accountId, 'account');
  const region = segment(f.region, 'global');
  const uri =
    f.certificateArn !== null ? `acm/${account}/${region}/${segment(f.certificateArn.split('/').pop() ?? null, 'certificate')}` : `acm/${account}/${region}`;
  return {
    physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
    logicalLocations: [
      f.certificateArn !== null
        ? { fullyQualifiedName: f.certificateArn, name: f.domainName ?? f.certificateArn, kind: 'resource' }
        : { fullyQualifiedName: `${f.accountId ?? 'account'}/${f.region ?? 'global'}`, kind: 'namespace' },
    ],
  };
}

function fingerprint(f: FindingRecord): string {
  return createHash('sha256').update(findingKey(f)).digest('hex');
}

const BASELINE_STATE = { new: 'new', changed: 'updated', unchanged: 'unchanged' } as const;

function result(f: FindingRecord, ruleIndex: Map<string, number>) {
  const what = findingSubject(f);
  const console = certificateConsoleUrl(f.certificateArn);
  return {
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
    level: level(f.severity),
    message: { text: `${what}: ${f.title}. ${f.detail}` },
    locations: [location(f)],
    partialFingerprints: { [FINGERPRINT]: fingerprint(f) },
    ...(f.change ? { baselineState: BASELINE_STATE[f.change] } : {}),
    // An accepted finding stays in the log, marked as suppressed with the baseline's reason.
    ...(f.status === 'accepted' && f.acceptance
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.acceptance.reason} (accepted until ${f.acceptance.expires})` }] }
      : {}),
    properties: {
      severity: f.severity,
      accountId: f.accountId,
      ...(f.accountName ? { accountName: f.accountName } : {}),
      region: f.region,
      domainName: f.domainName,
      notAfter: f.notAfter,
      remediation: f.remediation,
      references: f.references,
      ...(console ? { consoleUrl: console } : {}),
      ...(f.provisional ? { provisional: true } : {}),
    },
  };
}

export interface SarifOptions {
  rules: readonly Rule[];
  toolVersion: string;
  informationUri?: string;
}

export function renderSarif(findings: readonly FindingRecord[], opts: SarifOptions): string {
  const rules = opts.rules.map(descriptor);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // The findings come worst first; past GitHub's limit the least severe are the ones left out.
  const kept = findings.slice(0, SARIF_MAX_RESULTS);
  const cut = findings.length - kept.length;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'acm-advisor',
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules,
          },
        },
        automationDetails: { id: 'acm-advisor/audit/' },
        invocations: [
          {
            executionSuccessful: true,
            ...(cut > 0
              ? {
                  toolExecutionNotifications: [
                    { level: 'warning', message: { text: `${cut} least severe findings left out: code scanning takes at most ${SARIF_MAX_RESULTS} results a run` } },
                  ],
                }
              : {}),
          },
        ],
        results: kept.map((f) => result(f, ruleIndex)),
      },
    ],
  };
  return `${toInertJson(log)}\n`;
}
