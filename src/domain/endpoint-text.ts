import type { Certificate } from './certificate.js';
import type { Endpoint } from './serving.js';

/**
 * How a certificate's reach reads in one line, wherever a date is shown:
 * "takes down shop.example.com, checkout.example.com on ALB shop :443". Plain text: callers
 * neutralise it for their medium (terminal, Markdown) as they do every AWS-sourced string.
 */

/** At most this many hostnames are named before "and N more". */
const NAMES_SHOWN = 3;

function list(items: readonly string[], limit: number): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

/** What going down would take with it, or null when nothing is known to use it (or it was not read). */
export function blastRadius(cert: Pick<Certificate, 'hostnames' | 'endpoints'>): string | null {
  const endpoints = cert.endpoints ?? [];
  const names = cert.hostnames ?? [...new Set(endpoints.flatMap((e) => e.names))];
  if (names.length === 0 && endpoints.length === 0) return null;
  const where = list([...new Set(endpoints.map(resourceLabel))], 2);
  if (names.length === 0) return `takes down ${where}`;
  return `takes down ${list(names, NAMES_SHOWN)}${where ? ` on ${where}` : ''}`;
}

/** The resource an endpoint belongs to, without its port: "ALB shop", "CloudFront E2QW…", "API Gateway api.example.com". */
export function resourceLabel(e: Pick<Endpoint, 'label'>): string {
  return e.label.replace(/ :\d+$/, '');
}

/** "TLS 1.0+ (ELBSecurityPolicy-2016-08)", or "no TLS policy" for a passthrough endpoint. */
export function tlsSummary(e: Pick<Endpoint, 'tls'>): string {
  if (!e.tls) return 'no TLS policy';
  const min = e.tls.minimumProtocol ? `${protocolName(e.tls.minimumProtocol)}+` : 'minimum protocol unknown';
  return `${min}${e.tls.postQuantum ? ', post-quantum' : ''} (${e.tls.policy})`;
}

/** "TLSv1" → "TLS 1.0", "TLSv1.2" → "TLS 1.2", "SSLv3" → "SSL 3.0". */
export function protocolName(p: string): string {
  if (p === 'SSLv3') return 'SSL 3.0';
  const v = p.replace(/^TLSv/, '');
  return `TLS ${v.includes('.') ? v : `${v}.0`}`;
}
