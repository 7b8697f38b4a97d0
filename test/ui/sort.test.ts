import { describe, expect, it } from 'vitest';
import { nextSortColumn, SORT_COLUMNS, sortOrder, visibleRows, type SortColumn } from '../../src/ui/state/sort.js';
import { cert, fixtureCertificates } from './fixtures.js';

describe('sort', () => {
  const certs = fixtureCertificates();
  const names = (order: Int32Array) => Array.from(order, (i) => certs[i].domainName);

  it('orders by expiry ascending by default, descending when reversed', () => {
    expect(names(sortOrder(certs, { column: 'expires', descending: false }))).toEqual([
      'legacy.internal.test',
      'api.example.com',
      'shop.example.org',
      'billing.example.net',
    ]);
    expect(names(sortOrder(certs, { column: 'expires', descending: true }))[0]).toBe('billing.example.net');
  });

  it('sorts by domain and SAN count, nulls last in both directions', () => {
    const withNull = [...certs, cert('z', 'us-east-1', { domainName: null, notAfter: null })];
    const asc = Array.from(sortOrder(withNull, { column: 'domain', descending: false }), (i) => withNull[i].domainName);
    expect(asc).toEqual(['api.example.com', 'billing.example.net', 'legacy.internal.test', 'shop.example.org', null]);
    const desc = Array.from(sortOrder(withNull, { column: 'domain', descending: true }), (i) => withNull[i].domainName);
    expect(desc[desc.length - 1]).toBeNull();
    expect(Array.from(sortOrder(withNull, { column: 'expires', descending: true })).pop()).toBe(4);
  });

  it('cycles through every column', () => {
    let c: SortColumn = SORT_COLUMNS[0];
    const seen = new Set<string>();
    for (let i = 0; i < SORT_COLUMNS.length; i++) {
      seen.add(c);
      c = nextSortColumn(c);
    }
    expect(seen.size).toBe(SORT_COLUMNS.length);
    expect(c).toBe(SORT_COLUMNS[0]);
  });

  it('restricts the order to the filter’s indices without copying records, exact hits first', () => {
    const order = sortOrder(certs, { column: 'expires', descending: false });
    const rows = visibleRows(order, Int32Array.from([0, 3]), certs.length);
    expect(Array.from(rows)).toEqual([0, 3]);
    expect(visibleRows(order, null, certs.length)).toBe(order);
    expect(Array.from(visibleRows(order, Int32Array.from([0, 2, 3]), certs.length, Int32Array.from([3])))).toEqual([3, 2, 0]);
  });
});
