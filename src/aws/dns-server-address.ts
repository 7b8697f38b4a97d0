import { isIP } from 'node:net';
import { InputError } from '../domain/errors.js';

/** `--dns-server HOST[:PORT]` as node:dns takes it (IPv6 as `[::1]:53`), or an InputError saying what is wrong. */
export function parseDnsServer(text: string): string {
  const v = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(v);
  const host = bracketed?.[1] ?? (isIP(v) === 6 ? v : plain?.[1]);
  const port = bracketed ? bracketed[2] : isIP(v) === 6 ? undefined : plain?.[2];
  if (!host || !isIP(host)) throw new InputError(`--dns-server takes an IP address with an optional port (HOST[:PORT]), not '${text}'`);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw new InputError(`--dns-server: port ${port} is out of range`);
  if (isIP(host) === 6) return port ? `[${host}]:${port}` : host;
  return port ? `${host}:${port}` : host;
}
