import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A tiny authoritative-and-recursive DNS responder on loopback UDP, for tests and the demo: it answers
 * the zones it is given and nothing else, so no DNS check of acm-advisor ever needs the network.
 *
 * Like a recursive resolver it follows CNAMEs inside its own data (RFC 1034 §3.6.2: the answer holds
 * the chain, then the target's records), which is what the system resolver hands the application.
 * A name with no records of its own but with records below it (an empty non-terminal) answers
 * NOERROR with no data; a name with nothing at or below it answers NXDOMAIN.
 */

export type DnsRecordType = 'A' | 'CNAME' | 'TXT' | 'CAA';

export type DnsRecord =
  | { name: string; type: 'A'; value: string; ttl?: number }
  | { name: string; type: 'CNAME'; value: string; ttl?: number }
  | { name: string; type: 'TXT'; value: string; ttl?: number }
  | { name: string; type: 'CAA'; flags?: number; tag: string; value: string; ttl?: number };

export interface DnsServerOptions {
  records: DnsRecord[];
  /** Every answer waits this long (a resolver across the internet is not instant). */
  latencyMs?: number;
  /** Names answered with SERVFAIL. */
  failNames?: string[];
  /** Names never answered: the client's timeout is what ends the wait. */
  silentNames?: string[];
  port?: number;
}

export interface DnsQuery {
  name: string;
  type: string;
}

export interface RunningDnsServer {
  /** `127.0.0.1:PORT`, as `--dns-server` takes it. */
  address: string;
  port: number;
  queries: DnsQuery[];
  close(): Promise<void>;
}

const TYPE_CODES: Record<DnsRecordType, number> = { A: 1, CNAME: 5, TXT: 16, CAA: 257 };
const TYPE_NAMES = new Map<number, string>([
  ...Object.entries(TYPE_CODES).map(([k, v]) => [v, k] as [number, string]),
  [28, 'AAAA'],
  [255, 'ANY'],
]);
const CLASS_IN = 1;
const RCODE = { noError: 0, serverFailure: 2, nameError: 3, notImplemented: 4 } as const;
const DEFAULT_TTL = 300;
/** A chain longer than this is a loop as far as any resolver is concerned. */
const MAX_CHAIN = 8;

const canonical = (name: string) => name.replace(/\.$/, '').toLowerCase();

export async function startDnsServer(options: DnsServerOptions): Promise<RunningDnsServer> {
  const byName = new Map<string, DnsRecord[]>();
  const existing = new Set<string>();
  for (const record of options.records) {
    const name = canonical(record.name);
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push(record);
    // Every ancestor exists as an empty non-terminal (NOERROR, no data), not NXDOMAIN.
    const labels = name.split('.');
    for (let i = 0; i < labels.length; i++) existing.add(labels.slice(i).join('.'));
  }
  const fail = new Set((options.failNames ?? []).map(canonical));
  const silent = new Set((options.silentNames ?? []).map(canonical));
  const queries: DnsQuery[] = [];
  const socket: Socket = createSocket('udp4');

  socket.on('message', (message: Buffer, peer: RemoteInfo) => {
    let reply: Buffer | null;
    try {
      reply = respond(message);
    } catch {
      // Not a DNS query we can read: a real server drops it too.
      reply = null;
    }
    if (!reply) return;
    const send = () => socket.send(reply!, peer.port, peer.address);
    if (options.latencyMs) setTimeout(send, options.latencyMs);
    else send();
  });

  function respond(message: Buffer): Buffer | null {
    const id = message.readUInt16BE(0);
    const flags = message.readUInt16BE(2);
    if (message.readUInt16BE(4) !== 1) return header(id, flags, RCODE.notImplemented, 0);
    const { name: asked, end } = readName(message, 12);
    const qtype = message.readUInt16BE(end);
    const question = message.subarray(12, end + 4);
    const name = canonical(asked);
    queries.push({ name, type: TYPE_NAMES.get(qtype) ?? String(qtype) });
    if (silent.has(name)) return null;
    if (fail.has(name)) return Buffer.concat([header(id, flags, RCODE.serverFailure, 0), question]);

    const answers: Buffer[] = [];
    let current = name;
    for (let hop = 0; hop <= MAX_CHAIN; hop++) {
      const here = byName.get(current) ?? [];
      const matching = here.filter((r) => TYPE_CODES[r.type] === qtype || qtype === 255);
      if (matching.length) {
        answers.push(...matching.map((r) => encodeRecord(current, r)));
        break;
      }
      const cname = here.find((r) => r.type === 'CNAME');
      if (!cname) break;
      answers.push(encodeRecord(current, cname));
      current = canonical(cname.value);
    }
    const rcode = answers.length || existing.has(current) ? RCODE.noError : RCODE.nameError;
    return Buffer.concat([header(id, flags, rcode, answers.length), question, ...answers]);
  }

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const port = (socket.address() as AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function header(id: number, queryFlags: number, rcode: number, answerCount: number): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(id, 0);
  // QR, the query's opcode and RD, AA and RA set, then the response code.
  b.writeUInt16BE(0x8000 | (queryFlags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  b.writeUInt16BE(rcode === RCODE.notImplemented ? 0 : 1, 4);
  b.writeUInt16BE(answerCount, 6);
  return b;
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  for (;;) {
    const length = message[at];
    if (length === undefined || length > 63) throw new Error('bad name');
    at++;
    if (length === 0) break;
    labels.push(message.toString('latin1', at, at + length));
    at += length;
  }
  return { name: labels.join('.'), end: at };
}

function encodeName(name: string): Buffer {
  const parts = canonical(name)
    .split('.')
    .filter(Boolean)
    .map((label) => {
      const bytes = Buffer.from(label, 'latin1');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function encodeRecord(owner: string, record: DnsRecord): Buffer {
  let data: Buffer;
  switch (record.type) {
    case 'A':
      data = Buffer.from(record.value.split('.').map(Number));
      break;
    case 'CNAME':
      data = encodeName(record.value);
      break;
    case 'TXT': {
      const text = Buffer.from(record.value, 'utf8').subarray(0, 255);
      data = Buffer.concat([Buffer.from([text.length]), text]);
      break;
    }
    case 'CAA': {
      const tag = Buffer.from(record.tag, 'latin1');
      data = Buffer.concat([Buffer.from([record.flags ?? 0, tag.length]), tag, Buffer.from(record.value, 'utf8')]);
      break;
    }
  }
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(TYPE_CODES[record.type], 0);
  fixed.writeUInt16BE(CLASS_IN, 2);
  fixed.writeUInt32BE(record.ttl ?? DEFAULT_TTL, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(owner), fixed, data]);
}
