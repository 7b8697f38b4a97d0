import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { contentPath } from '../platform/content-dir.js';
import { loadDemoAccount, materialiseAccount, parseAccountFile } from './account.js';
import type { AccountData, OrganizationData } from './types.js';

/**
 * content/demo-organization.json: the demo account as the management account of a small
 * organisation, its members in the demo account's compact certificate format.
 */

const memberSchema = z
  .object({
    name: z.string().min(1),
    email: z.string().optional(),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE']).optional(),
    refusesRole: z.boolean().optional(),
    roleNames: z.array(z.string()).optional(),
    externalId: z.string().optional(),
    deniedOperations: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z]+$/)).optional(),
    account: z.unknown(),
  })
  .strict();

const organizationFileSchema = z
  .object({
    $comment: z.string().optional(),
    managementName: z.string().min(1),
    aggregator: z.object({ name: z.string().min(1), capturedHoursAgo: z.number().min(0), spreadMinutes: z.number().min(0).optional() }).strict().optional(),
    members: z.array(memberSchema).min(1),
  })
  .strict();

export interface DemoOrganization {
  /** The management account: the caller's. */
  account: AccountData;
  organization: OrganizationData;
}

export function loadDemoOrganization(now = new Date()): DemoOrganization {
  const path = contentPath('demo-organization.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read the organisation file: ${(e as Error).message}`);
  }
  const parsed = organizationFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: invalid organisation data: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const account = loadDemoAccount(now);
  const members = file.members.map((m, i) => {
    const { account: accountFile, ...rest } = m;
    return { ...rest, account: materialiseAccount(parseAccountFile(accountFile, `${path}: members[${i}] (${m.name})`), now) };
  });
  return {
    account,
    organization: {
      accounts: [{ account, name: file.managementName }, ...members],
      aggregators: file.aggregator
        ? [{ name: file.aggregator.name, capturedAt: new Date(now.getTime() - file.aggregator.capturedHoursAgo * 3_600_000), spreadMinutes: file.aggregator.spreadMinutes }]
        : [],
    },
  };
}
