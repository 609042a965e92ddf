// The sorts the history offers beyond the ledger's own columns: legal entity (by the display name the
// workflows hand over), mode and FAIL count, each an index walk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../src-main/ledger';
import { orderBy } from '../../../src-main/ledger/history';
import type { SortSpec, SubmissionFilter } from '../../../src-main/ledger';
import { CONN_A, INT_A1, LE_A, LE_B, PROD_A, PROD_B, ev, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
  t.ledger.ingestEventPage(PROD_A, [ev('A-OLD', 'SUBMITTED', '2024-01-01T00:00:00Z', 0), ev('A-NEW', 'SUBMITTED', '2024-03-01T00:00:00Z', 1)]);
  t.ledger.ingestEventPage(PROD_B, [ev('B-MID', 'SUBMITTED', '2024-02-01T00:00:00Z', 0)]);
  t.ledger.ingestEventPage(CONN_A, [ev('C-1', 'SUBMITTED', '2024-02-02T00:00:00Z', 0)]);
  t.ledger.ingestEventPage(INT_A1, [ev('I-1', 'SUBMITTED', '2024-02-03T00:00:00Z', 0)]);
});
afterEach(() => t.cleanup());

const order = (sort: SortSpec, filter: SubmissionFilter = {}) => t.ledger.querySubmissions(filter, { sort, limit: 100 }).rows.map((r) => r.number);
const byEntity: SortSpec = { column: 'legalEntity', direction: 'asc' };

describe('legal-entity names', () => {
  it('sorts by UUID until names arrive, then by name, newest last within an entity', () => {
    // LE_B (0bda...) sorts before LE_A (83a6...) by UUID.
    expect(order(byEntity)).toEqual(['B-MID', 'A-OLD', 'C-1', 'I-1', 'A-NEW']);
    expect(t.ledger.setEntityNames([{ le: LE_A.toUpperCase().replace('ECHA-', 'ECHA-'), name: 'Acme Paints' }])).toBe(1);
    expect(order(byEntity)).toEqual(['A-OLD', 'C-1', 'I-1', 'A-NEW', 'B-MID']);
    expect(order({ column: 'legalEntity', direction: 'desc' })).toEqual(['B-MID', 'A-NEW', 'I-1', 'C-1', 'A-OLD']);
  });

  it('counts only the entities whose name changed, and new rows take the current name', () => {
    t.ledger.setEntityNames([{ le: LE_A, name: 'Zeta' }, { le: LE_B, name: 'Beta' }]);
    expect(order(byEntity)).toEqual(['B-MID', 'A-OLD', 'C-1', 'I-1', 'A-NEW']);
    // Same names again (case and spaces aside): nothing to rewrite.
    expect(t.ledger.setEntityNames([{ le: LE_A, name: ' zeta ' }, { le: LE_B, name: 'BETA' }])).toBe(0);
    // Only LE_B's name changes; the first name given for an LE wins; a blank name counts as none.
    expect(t.ledger.setEntityNames([{ le: LE_A, name: 'Zeta' }, { le: LE_B, name: 'Zulu' }, { le: LE_B, name: 'Alpha' }])).toBe(1);
    expect(order(byEntity)).toEqual(['A-OLD', 'C-1', 'I-1', 'A-NEW', 'B-MID']);
    t.ledger.ingestEventPage(PROD_B, [ev('B-NEW', 'SUBMITTED', '2024-04-01T00:00:00Z', 1)]);
    t.ledger.recordDirectSubmission({ space: PROD_A, variant: 'DOSSIER', accepted: { submissionNumber: 'A-APP' } });
    expect(order(byEntity)).toEqual(['A-OLD', 'C-1', 'I-1', 'A-NEW', 'A-APP', 'B-MID', 'B-NEW']);
    // A name removed: back to the UUID ('echa-0bda...' sorts before 'zeta').
    expect(t.ledger.setEntityNames([{ le: LE_A, name: 'Zeta' }, { le: LE_B, name: '   ' }])).toBe(1);
    expect(order(byEntity)).toEqual(['B-MID', 'B-NEW', 'A-OLD', 'C-1', 'I-1', 'A-NEW', 'A-APP']);
    // Kept across a restart.
    t.reopen();
    expect(order(byEntity)).toEqual(['B-MID', 'B-NEW', 'A-OLD', 'C-1', 'I-1', 'A-NEW', 'A-APP']);
  });

  it('refuses what is not a legal-entity UUID', () => {
    expect(() => t.ledger.setEntityNames([{ le: 'ECHA-nope', name: 'x' }])).toThrow(LedgerError);
    expect(() => t.ledger.setEntityNames('nope' as never)).toThrow(LedgerError);
  });
});

describe('mode and FAIL count sorts', () => {
  it('sorts by mode kind then test run, and by FAIL count of the stored report', () => {
    expect(order({ column: 'mode', direction: 'asc' })).toEqual(['C-1', 'I-1', 'A-OLD', 'B-MID', 'A-NEW']);
    t.ledger.ingestEventPage(PROD_A, [ev('A-OLD', 'FAILED', '2024-01-01T00:01:00Z', 2)]);
    const id = t.ledger.findSubmission(PROD_A, 'A-OLD')!.id;
    t.ledger.storeReport(id, {
      submissionNumber: 'A-OLD',
      status: 'VALIDATION_FAILED',
      validations: [
        { level: 'FAIL', code: 'BR1', context: '' },
        { level: 'FAIL', code: 'BR2', context: '' },
      ],
    });
    expect(order({ column: 'failCount', direction: 'desc' })).toEqual(['A-OLD', 'A-NEW', 'I-1', 'C-1', 'B-MID']);
    // Keyset pages across the groups give the same order.
    const sort: SortSpec = { column: 'failCount', direction: 'desc' };
    const first = t.ledger.querySubmissions({}, { sort, limit: 2 });
    const rest = t.ledger.querySubmissions({}, { sort, limit: 10, after: first.next });
    expect([...first.rows, ...rest.rows].map((r) => r.number)).toEqual(['A-OLD', 'A-NEW', 'I-1', 'C-1', 'B-MID']);
  });

  it('walks the space-prefixed FAIL index, with or without a space filter (as the other sorts do)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = (t.ledger as any).ctx.db;
    const plan = (where: string, sort: SortSpec) =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT s.id FROM submissions s WHERE ${where} ORDER BY ${orderBy(sort)} LIMIT 50`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    for (const direction of ['asc', 'desc'] as const) {
      // No space filter: the ledger names every space (filter.ts allSpaces), so the same index serves.
      const spaces = t.ledger.listSpaces().length;
      const every = `s.space_id IN (${Array.from({ length: spaces }, (_, i) => i + 1).join(', ')})`;
      expect(plan(every, { column: 'failCount', direction })).toContain(`COVERING INDEX submissions_by_space_fail (space_id=?)`);
      expect(plan('s.space_id IN (1, 2)', { column: 'failCount', direction })).toContain(`COVERING INDEX submissions_by_space_fail (space_id=?)`);
      // Mode and legal entity read one group of spaces at a time, in submitted order (space-order.ts).
      expect(plan('s.space_id IN (1, 2)', { column: 'mode', direction })).toContain(`COVERING INDEX submissions_by_space_submitted (space_id=?)`);
    }
  });

  it('pages the mode and legal-entity sorts by cursor and by offset exactly as one sorted list, with filters', () => {
    // More rows in every space, some sharing a timestamp across spaces (the id breaks the tie).
    let n = 10;
    for (const space of [PROD_A, PROD_B, CONN_A, INT_A1]) {
      t.ledger.ingestEventPage(
        space,
        Array.from({ length: 7 }, (_, i) => ev(`X-${n + i}`, i % 3 === 0 ? 'FAILED' : 'SUBMITTED', `2024-05-0${1 + (i % 4)}T00:00:00Z`, 10 + i)),
      );
      n += 10;
    }
    t.ledger.setEntityNames([{ le: LE_B, name: 'Beta' }]);
    const all = t.ledger.querySubmissions({}, { limit: 1000 }).rows;
    const keyOf = (r: (typeof all)[number], column: 'mode' | 'legalEntity') =>
      column === 'mode'
        ? `${r.space.mode.kind} ${r.space.mode.kind === 'integration' ? r.space.mode.testRun : ''}`
        : r.space.le === LE_B
          ? 'beta'
          : r.space.le.toLowerCase();
    for (const column of ['mode', 'legalEntity'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const filter of [{}, { statuses: ['VALIDATION_FAILED'] }, { le: LE_A }, { modeKind: 'production' }, { text: 'x-1' }] as SubmissionFilter[]) {
          const sign = direction === 'asc' ? 1 : -1;
          const matches = t.ledger.querySubmissions(filter, { limit: 1000 }).rows.map((r) => r.id);
          const expected = all
            .filter((r) => matches.includes(r.id))
            .sort((a, b) => {
              const ka = keyOf(a, column);
              const kb = keyOf(b, column);
              if (ka !== kb) return sign * (ka < kb ? -1 : 1);
              const ta = Date.parse(a.submittedAt);
              const tb = Date.parse(b.submittedAt);
              return sign * (ta !== tb ? ta - tb : a.id - b.id);
            })
            .map((r) => r.number);
          const sort: SortSpec = { column, direction };
          const label = `${column} ${direction} ${JSON.stringify(filter)}`;
          expect(order(sort, filter), label).toEqual(expected);
          // Keyset pages of 3 and offset pages of 4 give the same list.
          const byCursor: string[] = [];
          let after: string | null = null;
          do {
            const p = t.ledger.querySubmissions(filter, { sort, limit: 3, after });
            byCursor.push(...p.rows.map((r) => r.number));
            after = p.next;
          } while (after);
          expect(byCursor, label).toEqual(expected);
          const byOffset: string[] = [];
          for (let offset = 0; offset < expected.length; offset += 4) {
            byOffset.push(...t.ledger.querySubmissions(filter, { sort, limit: 4, offset }).rows.map((r) => r.number));
          }
          expect(byOffset, label).toEqual(expected);
        }
      }
    }
    // A cursor from another sort is refused, not misread.
    const p = t.ledger.querySubmissions({}, { sort: { column: 'mode', direction: 'asc' }, limit: 1 });
    expect(() => t.ledger.querySubmissions({}, { sort: { column: 'legalEntity', direction: 'asc' }, limit: 1, after: p.next })).toThrow(LedgerError);
  });
});
