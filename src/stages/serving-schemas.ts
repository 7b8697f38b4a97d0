import { z } from 'zod';

/**
 * The cache shapes of the four reads of what certificates serve (src/stages/elb, cloudfront,
 * apigateway, route53): a cached region's section is checked against these before it is reused.
 */

const strings = z.array(z.string());

export const ListenerRecords = z.array(
  z.object({
    accountId: z.string(),
    region: z.string(),
    loadBalancerArn: z.string(),
    loadBalancerName: z.string(),
    loadBalancerType: z.string(),
    dnsName: z.string(),
    listenerArn: z.string(),
    port: z.number(),
    protocol: z.string(),
    certificateArns: strings,
    sslPolicy: z.string().nullable(),
    policyProtocols: strings.nullable(),
    backendProtocols: strings,
  }),
);

export const DistributionRecords = z.array(
  z.object({
    accountId: z.string(),
    id: z.string(),
    arn: z.string(),
    domainName: z.string(),
    aliases: strings,
    certificateArn: z.string().nullable(),
    minimumProtocolVersion: z.string().nullable(),
    originProtocols: strings,
  }),
);

export const ApiDomainRecords = z.array(
  z.object({
    accountId: z.string(),
    region: z.string(),
    apiVersion: z.union([z.literal(1), z.literal(2)]),
    domainName: z.string(),
    arn: z.string(),
    certificateArns: strings,
    securityPolicy: z.string().nullable(),
    endpointTypes: strings,
    targets: strings,
  }),
);

export const ZoneReadSchema = z.object({
  zones: z.array(z.object({ id: z.string(), name: z.string(), privateZone: z.boolean() })),
  records: z.array(
    z.object({
      accountId: z.string(),
      zoneId: z.string(),
      zoneName: z.string(),
      privateZone: z.boolean(),
      name: z.string(),
      type: z.string(),
      target: z.string(),
      alias: z.boolean(),
    }),
  ),
});
