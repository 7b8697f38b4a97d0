import { AwsError, decodeToken, encodeToken } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';
import type { StoredCertificate } from '../../endpoint/types.js';

/**
 * Resource Groups Tagging API GetResources, for ACM certificates only: the account holds
 * nothing else. Like the real service it is regional and omits untagged resources.
 */

type Json = Record<string, unknown>;

export const fake: FakeService = {
  service: 'tagging',
  protocol: 'json',
  targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
  tokenField: 'PaginationToken',
  // The service's own spelling of a throttle.
  throttleCode: 'ThrottledException',
  handle: (request) => {
    const out = handleTagging(request.operation, request.json, request);
    return out ? { body: out } : null;
  },
};

const invalid = (message: string) => new AwsError('InvalidParameterException', 400, message);

interface PageToken extends Json {
  r: string;
  i: number;
}

export function handleTagging(operation: string, body: Json, ctx: ServiceRequest): Json | null {
  if (operation !== 'GetResources') return null;

  const typeFilters = body.ResourceTypeFilters;
  if (typeFilters !== undefined && !Array.isArray(typeFilters)) throw invalid('ResourceTypeFilters must be a list.');
  const wantsAcm =
    !typeFilters?.length || (typeFilters as unknown[]).some((t) => t === 'acm' || t === 'acm:certificate');

  const perPage = body.ResourcesPerPage ?? 50;
  if (typeof perPage !== 'number' || !Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    throw invalid('ResourcesPerPage must be between 1 and 100.');

  const tagFilters = (body.TagFilters as { Key?: string; Values?: string[] }[] | undefined) ?? [];
  const matchesTags = (c: StoredCertificate) =>
    tagFilters.every((f) => c.tags.some((t) => t.key === f.Key && (!f.Values?.length || f.Values.includes(t.value))));

  let candidates: readonly StoredCertificate[];
  const arnList = body.ResourceARNList;
  if (arnList !== undefined) {
    if (!Array.isArray(arnList) || arnList.length < 1 || arnList.length > 100)
      throw invalid('ResourceARNList must hold 1 to 100 ARNs.');
    // As documented for the real API: an ARN list is one whole answer, never filtered or paged.
    if (typeFilters !== undefined || body.TagFilters !== undefined)
      throw invalid('ResourceARNList cannot be combined with ResourceTypeFilters or TagFilters.');
    if (body.ResourcesPerPage !== undefined || body.TagsPerPage !== undefined || (body.PaginationToken ?? '') !== '')
      throw invalid('ResourceARNList cannot be combined with ResourcesPerPage, TagsPerPage or PaginationToken.');
    // A certificate is only visible in its own region, as in ACM.
    const inRegion = new Map(ctx.account.certificates(ctx.region).map((c) => [c.arn, c]));
    candidates = (arnList as string[])
      .map((arn) => inRegion.get(String(arn)))
      .filter((c): c is StoredCertificate => c !== undefined && c.tags.length > 0);
  } else {
    candidates = wantsAcm ? ctx.account.tagged(ctx.region) : [];
  }

  let start = 0;
  const token = body.PaginationToken;
  if (token !== undefined && token !== '') {
    const t = decodeToken<PageToken>(String(token), (t) => t.r === ctx.region && Number.isInteger(t.i) && t.i >= 0);
    if (!t) throw invalid('The PaginationToken is not valid.');
    start = t.i;
  }
  const size = arnList !== undefined ? candidates.length : ctx.pageSize(perPage);
  const page: Json[] = [];
  let i = start;
  for (; i < candidates.length && page.length < size; i++) {
    const c = candidates[i];
    if (!tagFilters.length || matchesTags(c))
      page.push({ ResourceARN: c.arn, Tags: c.tags.map((t) => ({ Key: t.key, Value: t.value })) });
  }
  // The real API ends pagination with an empty-string token, not an absent one.
  return {
    PaginationToken: i < candidates.length ? encodeToken({ r: ctx.region, i }) : '',
    ResourceTagMappingList: page,
  };
}
