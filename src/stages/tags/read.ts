import { ListTagsForCertificateCommand, ACMClient } from '@aws-sdk/client-acm';
import { GetResourcesCommand, paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { deadlinePassed } from '../../domain/deadline.js';
import { untilAborted } from '../../aws/errors.js';
import { tagsToRecord } from '../../aws/normalise.js';
import { guardedPages, PageGuard } from '../../aws/page-guard.js';
import type { StageContext } from '../stage.js';

/** Tags by certificate ARN; GetResources omits untagged resources, so an ARN absent here has none. */
export type TagsByArn = Map<string, Record<string, string>>;

const tagging = (context: StageContext) => context.client('tag', ResourceGroupsTaggingAPIClient);

/**
 * Every tagged certificate of the region from the Tagging API, a page of 100 a call. Throws when the
 * API is refused or fails (a repeating token too): the engine then reads the tags one by one.
 */
export async function read(context: StageContext): Promise<TagsByArn> {
  const { signal } = context;
  const pages = paginateGetResources({ client: tagging(context), pageSize: 100 }, { ResourceTypeFilters: ['acm:certificate'] }, { abortSignal: signal });
  const found: TagsByArn = new Map();
  const guard = new PageGuard('GetResources', context.region);
  const pacer = { run: <T>(call: () => Promise<T>) => context.paced('tag:GetResources', call) };
  for await (const page of guardedPages(pages, pacer, guard, (p) => p.PaginationToken, signal)) {
    for (const m of page.ResourceTagMappingList ?? []) if (m.ResourceARN) found.set(m.ResourceARN, tagsToRecord(m.Tags));
  }
  return found;
}

/** The tags of some certificates: GetResources by ARN list (ResourceARNList), 100 a call. Throws as `read` does. */
export async function tagsOf(context: StageContext, arns: readonly string[]): Promise<TagsByArn> {
  const { signal } = context;
  const client = tagging(context);
  const found: TagsByArn = new Map();
  const batches: string[][] = [];
  for (let i = 0; i < arns.length; i += 100) batches.push(arns.slice(i, i + 100));
  const all = Promise.all(
    batches.map((batch) =>
      context
        .paced('tag:GetResources', () => client.send(new GetResourcesCommand({ ResourceARNList: batch }), { abortSignal: signal }))
        .then((page) => {
          for (const m of page.ResourceTagMappingList ?? []) if (m.ResourceARN) found.set(m.ResourceARN, tagsToRecord(m.Tags));
        }),
    ),
  );
  await untilAborted(all, signal);
  return found;
}

/** ListTagsForCertificate one by one (the fallback): each answer or error as it comes. */
export async function tagEach(
  context: StageContext,
  arns: readonly string[],
  onTags: (arn: string, tags: Record<string, string>) => void,
  onError: (arn: string, error: unknown) => void,
): Promise<void> {
  const { signal } = context;
  const acm = context.client('acm', ACMClient);
  const all = Promise.all(
    arns.map((arn) =>
      context
        .paced('acm:ListTagsForCertificate', () => acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }))
        .then(
          (out) => onTags(arn, tagsToRecord(out.Tags)),
          (error) => onError(arn, error),
        ),
    ),
  );
  await untilAborted(all, signal).catch((error) => {
    if (!deadlinePassed(signal)) throw error;
  });
}
