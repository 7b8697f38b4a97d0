import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAcm } from './acm.js';
import { handleConfig } from './config.js';
import { ec2ErrorXml, handleEc2 } from './ec2.js';
import { AwsError } from './errors.js';
import { Faults, isWriteOperation } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import { Directory, type Caller } from './organization.js';
import { handleOrganizations } from './organizations.js';
import type { FakeService, ServiceReply, WireProtocol } from './service.js';
import { registeredServices } from './registered-services.js';
import { parseCredentialScope } from './sigv4.js';
import { callerIdentity, handleStsQuery, stsErrorXml } from './sts.js';
import { errorResponse } from './xml.js';
import type { EndpointOptions, EndpointService, FaultOptions, RecordedCall, RunningEndpoint } from './types.js';

/**
 * A wire-level fake of the AWS APIs acm-advisor reads. The real SDK clients talk HTTP to
 * it, so tests and --demo exercise serialisation, signing, pagination, retries and error
 * parsing exactly as against AWS: nothing in the application knows it is a fake.
 */

type Json = Record<string, unknown>;

const JSON_TARGETS: Record<string, EndpointService> = {
  CertificateManager: 'acm',
  AWSSecurityTokenServiceV20110615: 'sts',
  AWSOrganizationsV20161128: 'organizations',
  StarlingDoveService: 'config',
};

/** The API version each query-protocol service sends, for unsigned requests (curl). */
const QUERY_VERSIONS: Record<string, EndpointService> = { '2011-06-15': 'sts', '2016-11-15': 'ec2' };

const MAX_BODY = 1 << 20;

interface ParsedRequest {
  service: EndpointService;
  operation: string;
  region: string;
  /** From the SigV4 credential scope: which account (and role session) is calling. */
  accessKeyId: string | undefined;
  protocol: WireProtocol;
  contentType: string;
  json: Json;
  params: URLSearchParams;
  /** Set when a registered service (service.ts) answers the request. */
  fake?: FakeService;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: Record<string, string | undefined>;
  /** Set when the request could not be read: answered before anything else. */
  malformed?: AwsError;
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  /** Fault suite: reset the connection instead of answering. */
  reset?: true;
}

/** The token a repeating paginator hands back, whatever it was sent. */
const REPEATING_TOKEN = 'repeating-token';

export async function startEndpoint(options: EndpointOptions): Promise<RunningEndpoint> {
  const { account, organization, seed, port, services: extra, ...faultOptions } = options;
  const directory = new Directory(account, organization);
  // The read stages' fakes (src/stages/<id>/fake.ts), then any the caller adds (a test's own stage).
  const services = new ServiceTable([...(await registeredServices()), ...(extra ?? [])]);
  const faults = new Faults(faultOptions, seed ?? 1);
  const limiter = new RateLimiter(faultOptions.rateScale ?? 1);
  const calls: RecordedCall[] = [];
  let held: { promise: Promise<void>; release: () => void } | null = null;
  let requestCount = 0;

  const server = createServer((req, res) => {
    const requestId = `${(++requestCount).toString(16).padStart(8, '0')}-acm0-4adv-9fak-e00000000000`;
    handle(req, requestId)
      .then((reply) => (reply.reset ? req.socket.destroy() : send(res, reply, requestId)))
      .catch((err: unknown) => {
        // A bug in the fake must surface as a 500 the client can see, never hang a test.
        send(res, jsonError(new AwsError('InternalFailure', 500, `endpoint error: ${String((err as Error)?.stack ?? err)}`)), requestId);
      });
  });

  async function handle(req: IncomingMessage, requestId: string): Promise<Reply> {
    const raw = await readBody(req);
    const parsed = parseRequest(req, raw, services);
    let caller: Caller | AwsError;
    try {
      caller = directory.callerFor(parsed.accessKeyId);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      caller = e;
    }
    const call: RecordedCall = {
      service: parsed.service,
      operation: parsed.operation,
      region: parsed.region,
      accountId: caller instanceof AwsError ? directory.home.accountId : caller.store.accountId,
      role: caller instanceof AwsError ? null : (caller.session?.roleName ?? null),
      status: 0,
      write: parsed.service !== 'unknown' && (isWriteOperation(parsed.operation) || (parsed.fake !== undefined && !isReadMethod(parsed))),
    };
    calls.push(call);
    // Held (see pause()): recorded as asked, answered only once released.
    if (held) await held.promise;
    await stall(parsed);
    const reply = caller instanceof AwsError ? renderError(parsed, caller, requestId) : await dispatch(parsed, caller, call, requestId);
    call.status = reply.status;
    return reply;
  }

  /** Stalled operations wait here: for stallMs, or until the stall list no longer names them. */
  async function stall(p: ParsedRequest): Promise<void> {
    while (faults.applies('stalledOperations', p.service, p.operation, p.region)) {
      const ms = faults.options.stallMs;
      if (ms !== undefined) return void (await new Promise((r) => setTimeout(r, ms)));
      await new Promise((r) => setTimeout(r, 50));
      if (!server.listening) return;
    }
  }

  let signedCalls = 0;

  async function dispatch(p: ParsedRequest, caller: Caller, call: RecordedCall, requestId: string): Promise<Reply> {
    const reply = await answer(p, caller, call, requestId);
    if (faults.applies('resetOperations', p.service, p.operation, p.region)) return { ...reply, reset: true };
    if (reply.status === 200 && faults.applies('malformedOperations', p.service, p.operation, p.region))
      return { ...reply, body: `${reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2)))}` };
    return reply;
  }

  async function answer(p: ParsedRequest, caller: Caller, call: RecordedCall, requestId: string): Promise<Reply> {
    const fail = (error: AwsError) => renderError(p, error, requestId);
    const limit = faults.options.expireCredentialsAfter;
    if (limit !== undefined && p.accessKeyId && ++signedCalls > limit)
      return fail(new AwsError(p.protocol === 'json' || p.protocol === 'rest-json' ? 'ExpiredTokenException' : 'ExpiredToken', 400, 'The security token included in the request is expired'));
    const repeat = faults.applies('repeatTokenOperations', p.service, p.operation, p.region);
    if (repeat) {
      // The first page again, whatever token came back, and always the same token onward.
      delete p.json.NextToken;
      delete p.json.PaginationToken;
    }
    let reply = await answerPlain(p, caller, call, requestId, fail);
    const foreign = faults.options.foreignSearchArns;
    if (foreign?.length && reply.status === 200 && p.service === 'acm' && p.operation === 'SearchCertificates') {
      const body = JSON.parse(reply.body) as { Results?: Array<Record<string, unknown>> };
      const first = body.Results?.[0];
      if (first) body.Results!.push(...foreign.map((arn) => ({ ...first, CertificateArn: arn })));
      reply = { ...reply, body: JSON.stringify(body) };
    }
    const o = faults.options;
    if ((o.extraConfigResults?.length || o.duplicateConfigResults) && reply.status === 200 && p.service === 'config' && p.operation === 'SelectAggregateResourceConfig') {
      const body = JSON.parse(reply.body) as { Results?: string[] };
      const results = body.Results ?? [];
      body.Results = [...(o.duplicateConfigResults ? results.flatMap((r) => [r, r]) : results), ...(p.json.NextToken ? [] : (o.extraConfigResults ?? []))];
      reply = { ...reply, body: JSON.stringify(body) };
    }
    // Only JSON answers carry a token this fault can rewrite; an XML service's fake pages on its own.
    if (!repeat || reply.status !== 200 || !/json/.test(reply.contentType)) return reply;
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    body[p.fake?.tokenField ?? (p.service === 'tagging' ? 'PaginationToken' : 'NextToken')] = REPEATING_TOKEN;
    return { ...reply, body: JSON.stringify(body) };
  }

  async function answerPlain(
    p: ParsedRequest,
    caller: Caller,
    call: RecordedCall,
    requestId: string,
    fail: (error: AwsError) => Reply,
  ): Promise<Reply> {
    const store = caller.store;
    if (p.malformed) return fail(p.malformed);
    if (p.service === 'unknown')
      return jsonError(new AwsError('UnknownOperationException', 400, `No service answers ${p.operation} here.`));
    if (faults.isUnknown(p.service, p.operation))
      return fail(new AwsError('UnknownOperationException', 400, `The operation ${p.operation} is not offered here.`));

    const denied = (what: string) => {
      const code =
        p.service === 'ec2' ? 'UnauthorizedOperation' : p.service === 'sts' || p.protocol === 'query' || p.protocol === 'rest-xml' ? 'AccessDenied' : 'AccessDeniedException';
      return fail(
        new AwsError(code, 403, `User: ${directory.arnOf(caller)} is not authorized to perform: ${p.service === 'tagging' ? 'tag' : p.service}:${p.operation} ${what}`),
      );
    };
    // Checked first, as IAM does: a session policy limits every call, reads and writes alike.
    const iamAction = p.fake?.iamActions?.[p.operation] ?? `${p.service === 'tagging' ? 'tag' : p.service}:${p.operation}`;
    // GetCallerIdentity needs no permission: no policy can deny it (STS API Reference).
    if (caller.session?.sessionPolicy && iamAction !== 'sts:GetCallerIdentity' && !caller.session.sessionPolicy.allows(iamAction))
      return denied(`because no session policy allows the ${iamAction} action`);
    if (call.write) return denied('(this endpoint is read-only: every write is refused)');
    if (faults.isDenied(p.service, p.operation, p.region)) return denied('with an explicit deny in a service control policy');
    if (caller.session?.deniedOperations.includes(`${p.service}:${p.operation}`))
      return denied(`because no identity-based policy of role ${caller.session.roleName} allows it`);

    if (p.service === 'acm' || p.fake) {
      const wait = faults.latency();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const fault = faults.pick();
      const throttle = () => fail(throttlingError(p));
      if (fault?.kind === 'throttle') return throttle();
      if (fault?.kind === 'server')
        return fail(
          fault.status === 500
            ? new AwsError('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.')
            : new AwsError('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.'),
        );
      if (p.service === 'acm' && faults.options.rateLimit !== false && !limiter.take(`${store.accountId}\u0000${p.region}`, p.operation))
        return throttle();
      if (p.fake?.quotas && faults.options.rateLimit !== false && !limiter.take(`${store.accountId}\u0000${p.region}\u0000${p.service}`, p.operation, p.fake.quotas))
        return throttle();
    }

    try {
      const ctx = { region: p.region, store, pageSize: (n: number) => faults.pageSize(n) };
      if (p.fake) {
        const out = p.fake.handle({
          operation: p.operation,
          region: p.region,
          method: p.method,
          path: p.path,
          query: p.query,
          json: p.json,
          params: p.params,
          body: p.body,
          headers: p.headers,
          account: {
            accountId: store.accountId,
            data: store.services[p.fake.service],
            certificates: (region) => store.inRegion(region),
            tagged: (region) => store.taggedInRegion(region),
          },
          pageSize: ctx.pageSize,
          requestId,
        });
        return out ? serviceReply(out) : denied('(operation not offered by this endpoint)');
      }
      if (p.service === 'acm') {
        const out = handleAcm(p.operation, p.json, ctx);
        return out ? jsonOk(out) : denied('(operation not offered by this endpoint)');
      }
      if (p.service === 'sts') {
        if (p.protocol === 'json')
          return p.operation === 'GetCallerIdentity' ? jsonOk(callerIdentity(directory, caller), p.contentType) : denied('');
        const xml = handleStsQuery(p.operation, p.params, directory, caller, requestId);
        return xml ? xmlOk(xml) : denied('');
      }
      if (p.service === 'organizations') {
        const out = handleOrganizations(p.operation, p.json, directory, caller, ctx.pageSize);
        return out ? jsonOk(out) : denied('(operation not offered by this endpoint)');
      }
      if (p.service === 'config') {
        const out = handleConfig(p.operation, p.json, directory, caller, ctx.pageSize);
        return out ? jsonOk(out) : denied('(operation not offered by this endpoint)');
      }
      const xml = handleEc2(p.operation, p.params, store, requestId);
      return xml ? xmlOk(xml) : denied('');
    } catch (e) {
      if (e instanceof AwsError) return fail(e);
      throw e;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    resetCalls() {
      // Emptied in place: callers may hold a reference to `calls`.
      calls.length = 0;
    },
    pause() {
      if (!held) {
        let release = () => {};
        const promise = new Promise<void>((r) => (release = r));
        held = { promise, release };
      }
      const h = held;
      return () => {
        if (held === h) held = null;
        h.release();
      };
    },
    setFaults(partial: FaultOptions) {
      faults.update(partial);
      if (partial.rateScale !== undefined) limiter.setScale(partial.rateScale);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The registered services (service.ts), indexed the ways a request names its service. */
class ServiceTable {
  /** JSON services by target prefix, then by operation (`*`: every operation the others do not claim). */
  private readonly byTarget = new Map<string, Map<string, FakeService>>();
  private readonly byScope = new Map<string, FakeService>();

  constructor(services: readonly FakeService[]) {
    for (const s of services) {
      if (s.protocol === 'json') {
        if (!s.targetPrefix) throw new Error(`the fake ${s.service} speaks JSON but names no targetPrefix`);
        const byOperation = this.byTarget.get(s.targetPrefix) ?? new Map<string, FakeService>();
        for (const operation of s.operations ?? ['*']) byOperation.set(operation, s);
        this.byTarget.set(s.targetPrefix, byOperation);
        // A fake of some operations is found by its target only: the service's name is another's.
        if (s.operations) continue;
      }
      this.byScope.set(s.service, s);
    }
  }

  /** The fake answering `operation` under this `X-Amz-Target` prefix, if one does. */
  target(prefix: string, operation: string): FakeService | undefined {
    const byOperation = this.byTarget.get(prefix);
    return byOperation?.get(operation) ?? byOperation?.get('*');
  }

  /** The service a request's SigV4 scope names, when it speaks this protocol. */
  scoped(service: string | undefined, protocols: readonly WireProtocol[]): FakeService | undefined {
    const s = service === undefined ? undefined : this.byScope.get(service);
    return s && protocols.includes(s.protocol) ? s : undefined;
  }
}

/** A REST call that only reads: GET and HEAD (every other method is a write, refused like one). */
function isReadMethod(p: ParsedRequest): boolean {
  return p.protocol !== 'rest-xml' && p.protocol !== 'rest-json' ? true : p.method === 'GET' || p.method === 'HEAD';
}

function parseRequest(req: IncomingMessage, raw: string, services: ServiceTable): ParsedRequest {
  const scope = parseCredentialScope(header(req, 'authorization'));
  const contentType = header(req, 'content-type') ?? '';
  const region = scope?.region ?? 'us-east-1';
  const target = header(req, 'x-amz-target');
  const url = new URL(req.url ?? '/', 'http://endpoint');
  const headers: Record<string, string | undefined> = {};
  for (const name of Object.keys(req.headers)) headers[name] = header(req, name);
  const base = {
    region,
    accessKeyId: scope?.accessKeyId,
    contentType,
    json: {} as Json,
    params: new URLSearchParams(),
    method: req.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    body: raw,
    headers,
  };

  if (target) {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const operation = target.slice(dot + 1);
    const fake = services.target(prefix, operation);
    const service: EndpointService = fake?.service ?? JSON_TARGETS[prefix] ?? 'unknown';
    let json: Json = {};
    // JSON protocols must accept an empty body for operations without input.
    if (raw.trim()) {
      try {
        const v: unknown = JSON.parse(raw);
        json = v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
      } catch {
        const malformed = new AwsError('SerializationException', 400, 'The request body is not valid JSON.');
        return { ...base, service, fake, operation, protocol: 'json', malformed };
      }
    }
    return { ...base, service, fake, operation, protocol: 'json', json };
  }

  const params = new URLSearchParams(raw);
  const action = params.get('Action');
  if (req.method === 'POST' && action) {
    const fake = services.scoped(scope?.service, ['query']);
    const byScope = scope?.service === 'sts' || scope?.service === 'ec2' ? scope.service : undefined;
    const service = fake?.service ?? byScope ?? QUERY_VERSIONS[params.get('Version') ?? ''] ?? 'unknown';
    return { ...base, service, fake, operation: action, protocol: 'query', params };
  }
  const rest = services.scoped(scope?.service, ['rest-xml', 'rest-json']);
  if (rest) {
    const operation = rest.operationOf?.(base.method, base.path, base.query) ?? null;
    if (operation === null) return { ...base, service: 'unknown', operation: `${req.method} ${req.url}`, protocol: rest.protocol };
    let json: Json = {};
    if (rest.protocol === 'rest-json' && raw.trim()) {
      try {
        const v: unknown = JSON.parse(raw);
        json = v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
      } catch {
        const malformed = new AwsError('SerializationException', 400, 'The request body is not valid JSON.');
        return { ...base, service: rest.service, fake: rest, operation, protocol: rest.protocol, malformed };
      }
    }
    return { ...base, service: rest.service, fake: rest, operation, protocol: rest.protocol, json };
  }
  return { ...base, service: 'unknown', operation: `${req.method} ${req.url}`, protocol: 'json' };
}

/** The throttling error each protocol's services answer with (ACM's and the Tagging API's own spellings kept). */
function throttlingError(p: ParsedRequest): AwsError {
  if (p.fake?.throttleCode) return new AwsError(p.fake.throttleCode, 400, 'Rate exceeded');
  if (p.service === 'acm') return new AwsError('ThrottlingException', 400, 'Rate exceeded');
  if (p.protocol === 'rest-json') return new AwsError('TooManyRequestsException', 429, 'Too Many Requests');
  if (p.protocol === 'json') return new AwsError('ThrottlingException', 400, 'Rate exceeded');
  return new AwsError('Throttling', 400, 'Rate exceeded');
}

function serviceReply(out: ServiceReply): Reply {
  const json = typeof out.body !== 'string';
  return {
    status: out.status ?? 200,
    contentType: out.contentType ?? (json ? 'application/x-amz-json-1.1' : 'text/xml'),
    body: json ? JSON.stringify(out.body) : (out.body as string),
    ...(out.headers ? { headers: out.headers } : {}),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function jsonOk(body: unknown, contentType = 'application/x-amz-json-1.1'): Reply {
  return { status: 200, contentType, body: JSON.stringify(body) };
}

function xmlOk(body: string): Reply {
  return { status: 200, contentType: 'text/xml', body };
}

function jsonError(error: AwsError): Reply {
  // ACM's AccessDeniedException carries `Message`, its other errors `message`: send both.
  return {
    status: error.status,
    contentType: 'application/x-amz-json-1.1',
    body: JSON.stringify({ __type: error.code, message: error.message, Message: error.message }),
  };
}

function renderError(p: ParsedRequest, error: AwsError, requestId: string): Reply {
  if (p.fake?.renderError) return serviceReply(p.fake.renderError(error, requestId));
  if (p.protocol === 'json') return jsonError(error);
  if (p.protocol === 'rest-json') {
    // API Gateway and the other REST-JSON services name the error in a header and say why in the body.
    return { status: error.status, contentType: 'application/json', body: JSON.stringify({ message: error.message }), headers: { 'x-amzn-ErrorType': error.code } };
  }
  // ELBv2 (query), CloudFront and Route 53 (REST-XML) answer errors in the same envelope.
  if (p.fake) return { status: error.status, contentType: 'text/xml', body: errorResponse(error, requestId) };
  const body = p.service === 'ec2' ? ec2ErrorXml(error, requestId) : stsErrorXml(error, requestId);
  return { status: error.status, contentType: 'text/xml', body };
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    'x-amzn-RequestId': requestId,
  });
  res.end(reply.body);
}
