import { APIGatewayClient, paginateGetDomainNames } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetDomainNamesCommand } from '@aws-sdk/client-apigatewayv2';
import type { ApiDomainRecord } from '../../domain/serving.js';
import { PageGuard, guardedPages } from '../../aws/page-guard.js';
import type { StageContext } from '../stage.js';

/** The region's custom domain names of REST APIs (v1) and HTTP/WebSocket APIs (v2). Both are IAM's apigateway:GET. */
export async function read(context: StageContext): Promise<ApiDomainRecord[]> {
  const { signal, region } = context;
  const accountId = context.accountId ?? '';
  const v1 = context.client('apigateway', APIGatewayClient);
  const v2 = context.client('apigatewayv2', ApiGatewayV2Client);
  const pacer = <T>(call: () => Promise<T>) => context.paced('apigateway:GET', call);
  const out: ApiDomainRecord[] = [];
  for await (const page of guardedPages(
    paginateGetDomainNames({ client: v1, pageSize: 500 }, {}, { abortSignal: signal }),
    { run: pacer },
    new PageGuard('GetDomainNames', region),
    (p) => p.position,
    signal,
  )) {
    for (const d of page.items ?? []) {
      if (!d.domainName) continue;
      out.push({
        accountId,
        region,
        apiVersion: 1,
        domainName: d.domainName,
        arn: d.domainNameArn ?? `arn:aws:apigateway:${region}::/domainnames/${d.domainName}`,
        certificateArns: [d.certificateArn, d.regionalCertificateArn].filter((a): a is string => !!a),
        securityPolicy: d.securityPolicy ?? null,
        endpointTypes: d.endpointConfiguration?.types ?? [],
        targets: [d.regionalDomainName, d.distributionDomainName].filter((t): t is string => !!t).map((t) => t.toLowerCase()),
      });
    }
  }
  // apigatewayv2 offers no paginator for GetDomainNames: its NextToken is followed here, each page paced.
  const guard = new PageGuard('GetDomainNames (v2)', region);
  let token: string | undefined;
  do {
    const page = await pacer(() => v2.send(new GetDomainNamesCommand({ NextToken: token, MaxResults: '100' }), { abortSignal: signal }));
    for (const d of page.Items ?? []) {
      if (!d.DomainName) continue;
      const configs = d.DomainNameConfigurations ?? [];
      out.push({
        accountId,
        region,
        apiVersion: 2,
        domainName: d.DomainName,
        arn: d.DomainNameArn ?? `arn:aws:apigateway:${region}::/domainnames/${d.DomainName}`,
        certificateArns: configs.map((c) => c.CertificateArn).filter((a): a is string => !!a),
        securityPolicy: configs.find((c) => c.SecurityPolicy)?.SecurityPolicy ?? null,
        endpointTypes: configs.map((c) => c.EndpointType).filter((t): t is NonNullable<typeof t> => !!t),
        targets: configs.map((c) => c.ApiGatewayDomainName).filter((t): t is string => !!t).map((t) => t.toLowerCase()),
      });
    }
    token = page.NextToken || undefined;
    guard.check(token);
  } while (token);
  return out;
}
