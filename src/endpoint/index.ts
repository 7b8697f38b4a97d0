export { startEndpoint } from './server.js';
export { loadDemoAccount, loadAccountFile, parseAccountFile, materialiseAccount, buildCertificate, deterministicUuid } from './account.js';
export { syntheticAccount, syntheticOrganization, type SyntheticOptions, type SyntheticOrganizationOptions } from './synthetic.js';
export { ACM_QUOTAS } from './rate-limit.js';
export type {
  AccountData,
  StoredCertificate,
  StoredDomainValidation,
  StoredRenewalSummary,
  EndpointOptions,
  FaultOptions,
  RecordedCall,
  RunningEndpoint,
  EndpointService,
} from './types.js';
export { loadDemoOrganization, type DemoOrganization } from './organization-file.js';
export { DEFAULT_ROLE_NAME } from './organization.js';
export { configurationItem, parseQuery } from './config.js';
export type { OrgAccount, OrganizationData, AggregatorData } from './types.js';
