import { describe, expect, it } from 'vitest';
import { decodeArn, serviceOfArn } from '../../src/domain/arn.js';

const A = '123456789012';

describe('decodeArn', () => {
  it.each([
    [`arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/app/my-alb/50dc6c495c0c9188`, 'Application Load Balancer', 'my-alb'],
    [`arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/net/my-nlb/1234`, 'Network Load Balancer', 'my-nlb'],
    [`arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/classic-lb`, 'Classic Load Balancer', 'classic-lb'],
    [`arn:aws:elasticloadbalancing:us-east-1:${A}:listener/app/my-alb/50dc/abcd`, 'Application Load Balancer listener', 'my-alb'],
    [`arn:aws:cloudfront::${A}:distribution/EDFDVBD6EXAMPLE`, 'CloudFront distribution', 'EDFDVBD6EXAMPLE'],
    ['arn:aws:apigateway:us-east-1::/domainnames/api.example.com', 'API Gateway custom domain', 'api.example.com'],
    [`arn:aws:appsync:eu-west-1:${A}:domainnames/gql.example.com`, 'AppSync custom domain', 'gql.example.com'],
    [`arn:aws:appsync:eu-west-1:${A}:apis/abcdefghij`, 'AppSync API', 'abcdefghij'],
    [`arn:aws:cognito-idp:us-east-1:${A}:userpool/us-east-1_Abc123`, 'Cognito user pool', 'us-east-1_Abc123'],
    [`arn:aws:amplify:us-east-1:${A}:apps/d1abc/domains/example.com`, 'Amplify domain', 'example.com (app d1abc)'],
    [`arn:aws:amplify:us-east-1:${A}:apps/d1abc`, 'Amplify app', 'd1abc'],
    [`arn:aws:vpc-lattice:us-east-1:${A}:service/svc-0123456789abcdef0`, 'VPC Lattice service', 'svc-0123456789abcdef0'],
    [`arn:aws:elasticbeanstalk:us-east-1:${A}:environment/shop/shop-prod`, 'Elastic Beanstalk environment', 'shop-prod (shop)'],
    [`arn:aws:kafka:us-east-1:${A}:cluster/demo/abc`, 'kafka', 'cluster/demo/abc'],
  ])('%s', (arn, service, name) => {
    const d = decodeArn(arn);
    expect(d.service).toBe(service);
    expect(d.name).toBe(name);
    expect(d.raw).toBe(arn);
  });

  it('keeps the region and account', () => {
    const d = decodeArn(`arn:aws:elasticloadbalancing:eu-west-2:${A}:loadbalancer/app/x/1`);
    expect(d).toMatchObject({ region: 'eu-west-2', accountId: A, namespace: 'elasticloadbalancing' });
    expect(decodeArn(`arn:aws:cloudfront::${A}:distribution/E1`).region).toBeNull();
  });

  it('returns something readable for a non-ARN', () => {
    expect(decodeArn('not-an-arn')).toMatchObject({ service: 'Unknown', name: 'not-an-arn', namespace: null });
  });
});

describe('serviceOfArn', () => {
  it('names the service family, the same for every resource kind', () => {
    expect(serviceOfArn(`arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/app/my-alb/1`)).toBe('Elastic Load Balancing');
    expect(serviceOfArn(`arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/net/my-nlb/1`)).toBe('Elastic Load Balancing');
    expect(serviceOfArn(`arn:aws:cloudfront::${A}:distribution/E1`)).toBe('CloudFront');
    expect(serviceOfArn(`arn:aws:cognito-idp:us-east-1:${A}:userpool/us-east-1_Abc`)).toBe('Cognito');
    expect(serviceOfArn(`arn:aws:kafka:us-east-1:${A}:cluster/demo/abc`)).toBe('kafka');
    expect(serviceOfArn('not-an-arn')).toBe('unknown service');
  });

  it('is the family decodeArn falls back to for resources it does not know', () => {
    const arn = `arn:aws-cn:transfer:cn-north-1:${A}:server/s-1`;
    expect(decodeArn(arn).service).toBe(serviceOfArn(arn));
  });
});
