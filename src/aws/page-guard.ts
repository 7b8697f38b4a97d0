import { untilAborted } from './errors.js';
import { abortError, type Pacer } from './pacer.js';

/**
 * A pagination token that comes back twice, or pages that never end, would keep a region
 * reading forever: the SDK's paginators follow any token they are given. Each page's token is
 * checked before the next page is requested, so a runaway costs two calls, not thousands.
 */
export class RunawayPaginationError extends Error {
  override readonly name = 'RunawayPagination';
}

/** More pages than any account can need: 1,000,000 certificates at ACM's smallest page of 100. */
const MAX_PAGES = 10_000;

export class PageGuard {
  private readonly seen = new Set<string>();
  private pages = 0;

  constructor(
    private readonly operation: string,
    private readonly region: string,
    /** What the caller does about it, for the message. */
    private readonly outcome = 'stopped reading the region',
  ) {}

  /** Call with each page's next token (undefined or '' at the end); throws on a repeat or a runaway. */
  check(token: string | undefined | null): void {
    this.pages++;
    if (!token) return;
    if (this.seen.has(token)) {
      throw new RunawayPaginationError(
        `${this.operation} returned the same pagination token twice in ${this.region} (after ${this.pages} pages); ${this.outcome}`,
      );
    }
    if (this.pages >= MAX_PAGES) {
      throw new RunawayPaginationError(`${this.operation} kept paginating in ${this.region} (${this.pages} pages); ${this.outcome}`);
    }
    this.seen.add(token);
  }
}

/**
 * A paginator's pages, each requested through `pacer` and guarded: a page's token is checked
 * before the consumer asks for the next one, so a runaway stops at the page that shows it.
 */
export async function* guardedPages<P>(
  pages: AsyncIterable<P>,
  pacer: Pick<Pacer, 'run'>,
  guard: PageGuard,
  tokenOf: (page: P) => string | undefined,
  signal?: AbortSignal,
): AsyncGenerator<P> {
  const iterator = pages[Symbol.asyncIterator]();
  try {
    for (;;) {
      // The paginator's request is aborted by `signal` too (it is given to each send); this also ends a wait it cannot cut short.
      const page = await untilAborted(pacer.run(() => iterator.next()), signal);
      if (page.done) return;
      if (signal?.aborted) throw abortError();
      const token = tokenOf(page.value);
      guard.check(token);
      yield page.value;
      // The last page (no token: the SDK's paginators stop there too). Asking the paginator again would
      // send nothing, yet take a turn of the pacer: a start slot of the operation's rate, queued behind
      // every call already waiting (400 load balancers' DescribeListeners), before the caller could go on.
      if (!token) return;
    }
  } finally {
    await iterator.return?.();
  }
}
