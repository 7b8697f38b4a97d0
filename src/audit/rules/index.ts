import type { Rule } from './types.js';
import { expiredInUse } from './expired-in-use.js';
import { expiringSoon } from './expiring-soon.js';
import { renewalFailing } from './renewal-failing.js';
import { weakKey } from './weak-key.js';
import { importedManualRenewal } from './imported-manual-renewal.js';
import { emailValidation } from './email-validation.js';
import { wildcardInProduction } from './wildcard-in-production.js';
import { transparencyLoggingDisabled } from './transparency-logging-disabled.js';
import { unusedCertificate } from './unused-certificate.js';
import { stalePendingValidation } from './stale-pending-validation.js';
import { missingTags } from './missing-tags.js';
import { exportedPrivateKey } from './exported-private-key.js';
import { nonFqdnName } from './non-fqdn-name.js';
import { issuanceQuota } from './issuance-quota.js';
import { validationRecordMissing } from './validation-record-missing.js';
import { caaBlocksAmazon } from './caa-blocks-amazon.js';
import { selfSignedImport } from './self-signed-import.js';
import { requestOutsideDomains } from './request-outside-domains.js';
import { productionCertificateDeleted } from './production-certificate-deleted.js';
import { certificateExported } from './certificate-exported.js';
import { crlBucketPublic, privateCaCannotRenew, privateCaExpiring, privateCaNoRevocation } from './private-ca.js';
import { legacyTlsPolicy } from './legacy-tls-policy.js';
import { plainHttpBackend } from './plain-http-backend.js';
import { nameServedElsewhere } from './name-served-elsewhere.js';
import { noManagementTrail } from './no-management-trail.js';

export type { Rule, CertificateRule, AccountRule, Hit, RuleContext } from './types.js';

export const RULES: readonly Rule[] = [
  expiredInUse,
  expiringSoon,
  renewalFailing,
  weakKey,
  importedManualRenewal,
  emailValidation,
  wildcardInProduction,
  transparencyLoggingDisabled,
  unusedCertificate,
  stalePendingValidation,
  missingTags,
  exportedPrivateKey,
  nonFqdnName,
  issuanceQuota,
  validationRecordMissing,
  caaBlocksAmazon,
  selfSignedImport,
  requestOutsideDomains,
  productionCertificateDeleted,
  certificateExported,
  crlBucketPublic,
  privateCaNoRevocation,
  privateCaCannotRenew,
  privateCaExpiring,
  legacyTlsPolicy,
  plainHttpBackend,
  nameServedElsewhere,
  noManagementTrail,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
