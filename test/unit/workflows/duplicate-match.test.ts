import { describe, expect, it } from 'vitest';
import { matchLostUpload, type GuardCandidate, type GuardItem } from '../../../src-main/workflows/duplicate-match';

const t0 = Date.parse('2025-03-01T08:00:00Z');
const item = (over: Partial<GuardItem> = {}): GuardItem => ({
  correlationId: 'c-111',
  dossierUuid: 'aaaaaaaa-0000-4000-8000-000000000001',
  windowStartMs: t0,
  windowEndMs: t0 + 60_000,
  authoritative: null,
  ...over,
});
let nextId = 1;
const cand = (over: Partial<GuardCandidate>): GuardCandidate => ({
  submissionId: nextId++,
  number: `AAA00000${nextId}-01`,
  correlationId: null,
  dossierUuid: null,
  submittedAtMs: t0 + 30_000,
  claimed: false,
  processed: true,
  ...over,
});

describe('matchLostUpload', () => {
  it('v2: the echoed correlation id proves arrival', () => {
    const c = cand({ correlationId: 'c-111', number: 'AAA000001-01' });
    const v = matchLostUpload(item({ authoritative: 'correlation-id' }), [cand({ correlationId: 'c-999' }), c]);
    expect(v).toEqual({ kind: 'arrived', submissionId: c.submissionId, number: 'AAA000001-01', by: 'correlation-id' });
  });

  it('v2: candidates without our id are someone else\'s', () => {
    expect(matchLostUpload(item({ authoritative: 'correlation-id' }), [cand({}), cand({ correlationId: 'other' })])).toEqual({ kind: 'nothing-arrived' });
  });

  it('v3: same dossier UUID in the window and not yet claimed', () => {
    const far = cand({ dossierUuid: 'AAAAAAAA-0000-4000-8000-000000000001', submittedAtMs: t0 - 3 * 3600_000 });
    const claimed = cand({ dossierUuid: 'aaaaaaaa-0000-4000-8000-000000000001', claimed: true });
    const mine = cand({ dossierUuid: 'AAAAAAAA-0000-4000-8000-000000000001' });
    const v = matchLostUpload(item({ correlationId: null, authoritative: 'dossier-uuid' }), [far, claimed, mine, cand({ dossierUuid: 'bbbbbbbb-0000-4000-8000-000000000002' })]);
    expect(v).toEqual({ kind: 'arrived', submissionId: mine.submissionId, number: mine.number, by: 'dossier-uuid' });
  });

  it('v3: nothing of this dossier in the window means it did not arrive', () => {
    const v = matchLostUpload(item({ correlationId: null, authoritative: 'dossier-uuid' }), [cand({}), cand({ dossierUuid: 'bbbbbbbb-0000-4000-8000-000000000002' })]);
    expect(v).toEqual({ kind: 'nothing-arrived' });
  });

  it('v3: an unprocessed candidate without a UUID yet is neither ruled out nor taken: ask again later', () => {
    const early = cand({ number: 'AAA111111-11', processed: false });
    expect(matchLostUpload(item({ correlationId: null, authoritative: 'dossier-uuid' }), [early])).toEqual({
      kind: 'undetermined',
      candidates: ['AAA111111-11'],
      untilProcessed: true,
    });
  });

  it('v1: an unclaimed candidate that says nothing leaves the verdict to the user', () => {
    const silent = cand({ number: 'ZZZ123456-78' });
    expect(matchLostUpload(item({ authoritative: null }), [silent])).toEqual({ kind: 'undetermined', candidates: ['ZZZ123456-78'], untilProcessed: false });
    expect(matchLostUpload(item({ authoritative: null }), [])).toEqual({ kind: 'nothing-arrived' });
  });
});
