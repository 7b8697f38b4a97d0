import { awaitsDetail } from '../domain/certificate.js';
import type { InventoryEvent } from '../domain/inventory.js';
import { waitingSummary } from '../domain/waiting.js';

/**
 * One self-overwriting progress line on stderr, only when stderr is a terminal: piped
 * output and CI logs stay clean.
 */
export function progressReporter(stream: NodeJS.WriteStream): { onEvent(e: InventoryEvent): void; finish(): void } {
  if (!stream.isTTY) return { onEvent() {}, finish() {} };
  let regions: string[] = [];
  const done = new Set<string>();
  const failed = new Set<string>();
  const listed = new Map<string, number>();
  const described = new Set<string>();
  // What the engine says is stuck, as one clause ("waiting 12 s on DescribeCertificate in eu-west-1").
  let waiting: string | null = null;
  let last = 0;
  let shown = false;

  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    const total = [...listed.values()].reduce((a, b) => a + b, 0);
    const line = `reading ACM: ${done.size + failed.size}/${regions.length || '?'} regions, ${described.size}/${total} certificates described${failed.size ? `, ${failed.size} failed` : ''}${waiting ? ` · ${waiting}` : ''}`;
    // A line wider than the terminal would wrap, and the next redraw would clear only its last row.
    const width = stream.columns > 1 ? stream.columns - 1 : line.length;
    stream.write(`\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    shown = true;
  };

  return {
    onEvent(e) {
      switch (e.kind) {
        case 'regions':
          regions = e.regions;
          break;
        case 'summaries':
          listed.set(e.region, (listed.get(e.region) ?? 0) + e.certificates.length);
          // Details reused from the cache arrive with the listing.
          for (const c of e.certificates) if (c.detail.state === 'complete') described.add(c.arn);
          break;
        case 'details':
          for (const c of e.certificates) if (!awaitsDetail(c)) described.add(c.arn);
          break;
        case 'region-done':
          done.add(e.region);
          break;
        case 'region-failed':
          failed.add(e.region);
          break;
        case 'waiting':
          // Once a second at most: drawn at once, so a wait that ends leaves the line at once too.
          waiting = waitingSummary(e.requests, e.afterMs);
          return draw(true);
        case 'done':
          waiting = null;
          return;
        default:
          return;
      }
      draw();
    },
    finish() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
