import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { AwsClients } from '../../src/aws/clients.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const account = loadDemoAccount(new Date());
const arn = account.certificates.find((c) => c.region === 'us-east-1')!.arn;

/** A TCP relay in front of the endpoint that counts the connections clients open and sees them close. */
async function countingRelay(target: string): Promise<{ url: string; opened: () => number; open: () => number; close(): Promise<void> }> {
  const { port } = new URL(target);
  let opened = 0;
  const live = new Set<Socket>();
  const server: Server = createServer((client) => {
    opened++;
    live.add(client);
    const upstream = connect(Number(port), '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      live.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    opened: () => opened,
    open: () => live.size,
    close: () => {
      for (const s of live) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('clients of a run that reads several accounts', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account });
  });
  afterAll(() => endpoint.close());

  it('share one pool of connections; an account’s clients leave it open when destroyed, the owner closes it', async () => {
    const relay = await countingRelay(endpoint.url);
    const caller = new AwsClients({ credentials: CREDENTIALS, endpoint: relay.url });
    try {
      await caller.acm('us-east-1').send(new ListCertificatesCommand({}));
      for (let i = 0; i < 3; i++) {
        const member = caller.withCredentials({ ...CREDENTIALS }, `11112222333${i}`);
        // One call at a time: each finds the connection the last one left open.
        await member.acm('us-east-1').send(new DescribeCertificateCommand({ CertificateArn: arn }));
        await member.tagging('us-east-1').send(new GetResourcesCommand({ ResourceTypeFilters: ['acm:certificate'] }));
        member.destroy();
      }
      await caller.acm('us-east-1').send(new DescribeCertificateCommand({ CertificateArn: arn }));
      expect(relay.opened()).toBe(1);
      expect(relay.open()).toBe(1);
      caller.destroy();
      await expect.poll(() => relay.open()).toBe(0);
    } finally {
      caller.destroy();
      await relay.close();
    }
  });

  it('a call still stops on its abort signal, and a later call with another signal goes through', async () => {
    const clients = new AwsClients({ credentials: CREDENTIALS, endpoint: endpoint.url, maxAttempts: 1 });
    endpoint.resetCalls();
    endpoint.setFaults({ stalledOperations: ['acm:DescribeCertificate'] });
    try {
      const first = new AbortController();
      const stalled = clients.acm('us-east-1').send(new DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal: first.signal });
      await expect.poll(() => endpoint.calls.filter((c) => c.operation === 'DescribeCertificate').length).toBe(1);
      first.abort();
      await expect(stalled).rejects.toMatchObject({ name: 'AbortError' });

      endpoint.setFaults({ stalledOperations: [] });
      const second = new AbortController();
      const out = await clients.acm('us-east-1').send(new DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal: second.signal });
      expect(out.Certificate?.CertificateArn).toBe(arn);
    } finally {
      endpoint.setFaults({ stalledOperations: [] });
      clients.destroy();
    }
  });
});
