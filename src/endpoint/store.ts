import type { AccountData, StoredCertificate } from './types.js';

/**
 * Indexes built once per account so every request is O(page), not O(account):
 * by ARN for Describe/Get/Tags, and per region in CreatedAt order for listing.
 */
export class AccountStore {
  readonly accountId: string;
  readonly enabledRegions: string[];
  readonly callerArn: string;
  /** The account's data for the registered services (AccountData.services). */
  readonly services: Readonly<Record<string, unknown>>;
  private readonly byArn = new Map<string, StoredCertificate>();
  private readonly byRegion = new Map<string, StoredCertificate[]>();
  private readonly taggedByRegion = new Map<string, StoredCertificate[]>();

  constructor(account: AccountData) {
    this.accountId = account.accountId;
    this.enabledRegions = [...account.enabledRegions];
    this.callerArn = account.callerArn ?? `arn:aws:sts::${account.accountId}:assumed-role/ReadOnly/acm-advisor`;
    this.services = account.services ?? {};
    for (const cert of account.certificates) {
      this.byArn.set(cert.arn, cert);
      let list = this.byRegion.get(cert.region);
      if (!list) this.byRegion.set(cert.region, (list = []));
      list.push(cert);
    }
    for (const [region, list] of this.byRegion) {
      const created = new Map(list.map((c) => [c, c.createdAt?.getTime() ?? 0]));
      list.sort((a, b) => created.get(a)! - created.get(b)! || (a.arn < b.arn ? -1 : 1));
      // Real GetResources leaves out resources that carry no tags.
      this.taggedByRegion.set(
        region,
        list.filter((c) => c.tags.length > 0),
      );
    }
  }

  /** Certificates of one region, oldest first. */
  inRegion(region: string): readonly StoredCertificate[] {
    return this.byRegion.get(region) ?? [];
  }

  /** Regions holding at least one certificate, in first-seen order. */
  regionsWithCertificates(): string[] {
    return [...this.byRegion.keys()];
  }

  taggedInRegion(region: string): readonly StoredCertificate[] {
    return this.taggedByRegion.get(region) ?? [];
  }

  /** A certificate is only visible in its own region, as in ACM. */
  get(arn: string, region: string): StoredCertificate | undefined {
    const cert = this.byArn.get(arn);
    return cert && cert.region === region ? cert : undefined;
  }
}
