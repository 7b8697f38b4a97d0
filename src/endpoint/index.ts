export { startEndpoint } from './server.js';
export { loadDemoAccount, loadAccountFile, parseAccountFile, materialiseAccount, buildCertificate, deterministicUuid } from './account.js';
export { syntheticAccount, type SyntheticOptions } from './synthetic.js';
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
