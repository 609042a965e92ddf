// Free-text search by the words of the dossier name ("Red paint PCN"): each token prefix-matches a
// word of the name (or any other identifier), and all tokens must match the same submission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierMeta, SubmissionFilter } from '../../../src-main/ledger';
import { buildFilter } from '../../../src-main/ledger/filter';
import { MAX_NAME_WORDS, MAX_PRODUCT_WORDS, identifierTerms, nameWords, productWords } from '../../../src-main/ledger/identifiers';
import { PROD_A, PROD_B, dossierFile, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

describe('name words (pure)', () => {
  it('lower-cases, splits on non-alphanumerics and keeps words of 2+ characters, once each', () => {
    expect(nameWords('Red paint PCN')).toEqual(['red', 'paint', 'pcn']);
    expect(nameWords('Zinc-Coating_v2 (EU) / a  b, Zinc')).toEqual(['zinc', 'coating', 'v2', 'eu']);
    expect(nameWords('Ｒｅｄ ＰＡＩＮＴ')).toEqual(['red', 'paint']); // NFKC: full-width letters
    expect(nameWords('Lösemittel für Öl')).toEqual(['lösemittel', 'für', 'öl']);
    expect(nameWords(' - . x ')).toEqual([]);
  });

  it('indexes a bounded number of words per name', () => {
    const long = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    const words = nameWords(long);
    expect(words).toHaveLength(MAX_NAME_WORDS);
    expect(words[0]).toBe('w0');
    expect(identifierTerms({ dossierName: long }).filter((t) => t.kind === 'name-word')).toHaveLength(MAX_NAME_WORDS);
  });

  it('indexes subject and trade names word by word, distinct across names, at most MAX_PRODUCT_WORDS in all', () => {
    expect(productWords(['Lemon Degreaser', 'CitraClean 5L, pro', null, 'lemon drops'])).toEqual(['lemon', 'degreaser', 'citraclean', '5l', 'pro', 'drops']);
    const fifty = Array.from({ length: 50 }, (_, i) => `Brand${i} Extra${i}`);
    const words = productWords(fifty);
    expect(words).toHaveLength(MAX_PRODUCT_WORDS);
    expect(words.slice(0, 2)).toEqual(['brand0', 'extra0']);
    const terms = identifierTerms({ dossierName: 'aggr_1', productNames: fifty });
    expect(terms.filter((t) => t.kind === 'product-word')).toHaveLength(MAX_PRODUCT_WORDS);
    expect(terms.filter((t) => t.kind === 'name-word').map((t) => t.term)).toEqual(['aggr']);
  });

  it('gives each word its own kind, next to the other identifiers', () => {
    const terms = identifierTerms({ number: 'RMH1-01', fileName: 'paint.i6z', dossierName: 'Red paint' });
    expect(terms.filter((t) => t.kind === 'name-word').map((t) => t.term)).toEqual(['red', 'paint']);
    expect(terms.filter((t) => t.kind === 'file-word').map((t) => t.term)).toEqual(['paint']);
    expect(identifierTerms({ dossierName: null })).toEqual([]);
    expect(identifierTerms({ dossierName: '' })).toEqual([]);
  });
});

let t: TempLedger;
const ids = new Map<string, number>();

function meta(fileName: string, dossierName: string | null, uuid: string): DossierMeta {
  return {
    fileName,
    sizeBytes: 1,
    sha256: '0'.repeat(64),
    dossierUuid: uuid,
    dossierName,
    submissionType: 'CLP_PCN',
    kind: 'PCN',
    ufis: [],
    pcnNumber: null,
    scipPrimaryArticleId: null,
  };
}

function direct(number: string, fileName: string, dossierName: string | null, space = PROD_A): void {
  const uuid = `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`;
  const s = t.ledger.recordDirectSubmission({ space, variant: 'DOSSIER', accepted: { submissionNumber: number }, dossier: meta(fileName, dossierName, uuid) });
  ids.set(number, s.id);
}

const numbers = (filter: SubmissionFilter) =>
  t.ledger
    .querySubmissions(filter, { limit: 100, sort: { column: 'number', direction: 'asc' } })
    .rows.map((r) => r.number);

beforeAll(async () => {
  t = tempLedger();
  // File names that say nothing of the product, so a hit can only come from the name.
  direct('N-RED-PAINT', 'f1.i6z', 'Red paint PCN');
  direct('N-BLUE-PAINT', 'f2.i6z', 'Blue Paint PCN');
  direct('N-RED-GLUE', 'f3.i6z', 'Red glue (SCIP)', PROD_B);
  direct('N-REDWOOD', 'f4.i6z', 'Redwood stain');
  direct('N-NONAME', 'f5.i6z', null);

  // Seen in events first (no name), then the app's record of it fills the name in.
  t.ledger.ingestEventPage(PROD_A, [{ submissionNumber: 'N-EVENTS-FIRST', eventType: 'SUBMITTED', timestamp: '2024-05-01T10:00:00Z', offset: 0 }]);
  direct('N-EVENTS-FIRST', 'f6.i6z', 'Ochre primer');
  // Recorded again with another name: the first one stays, and only it is searchable.
  direct('N-EVENTS-FIRST', 'f6.i6z', 'Violet lacquer');

  // Through the outbox: queued with its inspected DossierInfo, sent, accepted.
  const f = dossierFile(t.dir, 'upload.i6z', { dossierName: 'Turquoise varnish PCN', dossierUuid: '00000000-0000-4000-8000-0000000000aa' });
  const item = await t.ledger.queueDossierFile(f.path, { space: PROD_A, dossier: f.meta, uploadEncoding: 'raw' });
  t.ledger.startUpload(item.id);
  const { submissionIds } = t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'N-OUTBOX' }]);
  ids.set('N-OUTBOX', submissionIds[0]!);
});
afterAll(() => t.cleanup());

describe('history search by dossier name', () => {
  it('finds by one word of the name, in any case', () => {
    expect(numbers({ text: 'paint' })).toEqual(['N-BLUE-PAINT', 'N-RED-PAINT']);
    expect(numbers({ text: 'GLUE' })).toEqual(['N-RED-GLUE']);
    expect(numbers({ text: 'scip' })).toEqual(['N-RED-GLUE']);
    expect(t.ledger.countSubmissions({ text: 'Paint' }).total).toBe(2);
  });

  it('needs every word to match the same submission (AND), in any order', () => {
    expect(numbers({ text: 'red paint' })).toEqual(['N-RED-PAINT']);
    expect(numbers({ text: 'Paint RED pcn' })).toEqual(['N-RED-PAINT']);
    expect(numbers({ text: 'Red paint PCN' })).toEqual(['N-RED-PAINT']);
    expect(numbers({ text: 'red glue' })).toEqual(['N-RED-GLUE']);
    expect(t.ledger.countSubmissions({ text: 'red paint' }).total).toBe(1);
  });

  it('matches a prefix of a word', () => {
    expect(numbers({ text: 'pai' })).toEqual(['N-BLUE-PAINT', 'N-RED-PAINT']);
    // "red" is also the start of "redwood"; "redw" only of that.
    expect(numbers({ text: 'red' })).toEqual(['N-RED-GLUE', 'N-RED-PAINT', 'N-REDWOOD']);
    expect(numbers({ text: 'redw' })).toEqual(['N-REDWOOD']);
    expect(numbers({ text: 'bl pa' })).toEqual(['N-BLUE-PAINT']);
  });

  it('does not match words the name does not have, the middle of a word, or words of two different rows', () => {
    expect(numbers({ text: 'green' })).toEqual([]);
    expect(numbers({ text: 'aint' })).toEqual([]);
    expect(numbers({ text: 'paint glue' })).toEqual([]);
    expect(numbers({ text: 'red paints' })).toEqual([]);
    // The whole name as one token is not a word ("red-paint" is not how the name is split for search).
    expect(numbers({ text: 'red-paint' })).toEqual([]);
  });

  it('combines a name word with other identifiers and filters', () => {
    expect(numbers({ text: 'paint n-red' })).toEqual(['N-RED-PAINT']);
    expect(numbers({ text: 'red', le: PROD_B.le })).toEqual(['N-RED-GLUE']);
    expect(numbers({ text: 'f3 red' })).toEqual(['N-RED-GLUE']);
  });

  it('indexes the name of a row first seen in events, and keeps the first name the app gave', () => {
    expect(numbers({ text: 'ochre primer' })).toEqual(['N-EVENTS-FIRST']);
    expect(numbers({ text: 'violet' })).toEqual([]);
    expect(t.ledger.getStory(ids.get('N-EVENTS-FIRST')!).submission.dossierName).toBe('Ochre primer');
  });

  it('indexes the name of a dossier sent through the outbox', () => {
    expect(numbers({ text: 'turq varn' })).toEqual(['N-OUTBOX']);
    // A report carries no dossier name; storing one keeps the name terms.
    t.ledger.storeReport(ids.get('N-OUTBOX')!, { submissionNumber: 'N-OUTBOX', status: 'VALIDATION_SUCCEEDED', validations: [] });
    expect(numbers({ text: 'turquoise' })).toEqual(['N-OUTBOX']);
  });

  it('gives the same rows whether a name word is applied as broad (probe) or narrow (driver)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ctx = (t.ledger as any).ctx;
    for (const filter of [{ text: 'paint' }, { text: 'red pa' }, { text: 'red', le: PROD_A.le }]) {
      const run = (broad: boolean) => {
        const f = buildFilter(ctx.spaces, filter, { countTerms: () => (broad ? 1e9 : 0) });
        expect(f.where.includes('+s.id IN')).toBe(broad);
        return (ctx.db.prepare(`SELECT s.id FROM submissions s WHERE ${f.where} ORDER BY s.id`).all(...f.params) as { id: number }[]).map((r) => r.id);
      };
      const narrow = run(false);
      expect(narrow.length).toBeGreaterThan(0);
      expect(run(true)).toEqual(narrow);
    }
  });
});
