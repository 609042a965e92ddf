// A deterministic, realistic large history: several legal entities and modes, submissions sent by
// the app (with dossier metadata) and by other tools (seen only in events), 4 events each including
// repeats with later timestamps, ECHA-style timestamps (+02:00/+03:00, microseconds).
// The model keeps the expected answers so tests compare the ledger against it, not against itself.
import type { Ledger, LedgerEvent, Space } from '../../../src-main/ledger';
import type { SubmissionStatus } from '../../../src-preload/domain';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LES = [
  'ECHA-11111111-1111-4111-8111-111111111111',
  'ECHA-22222222-2222-4222-8222-222222222222',
  'ECHA-33333333-3333-4333-8333-333333333333',
];

export const SPACES: Space[] = LES.flatMap((le) => [
  { le, mode: { kind: 'production' as const } },
  { le, mode: { kind: 'connectivity' as const } },
  { le, mode: { kind: 'integration' as const, testRun: 'acme-001' } },
  { le, mode: { kind: 'integration' as const, testRun: 'acme-002' } },
]);

const UFI_ALPHABET = '0123456789ACDEFGHJKMNPQRSTUVWXY';
const PRODUCTS = ['mixture', 'paint', 'glue', 'cleaner', 'sealant', 'ink', 'coating', 'polish'];
// Colours cycle once per round of products (7 and 8 are coprime): 56 distinct dossier names.
const COLOURS = ['Red', 'Blue', 'Green', 'White', 'Black', 'Yellow', 'Grey'];
const COUNTRIES = ['AT', 'BE', 'DE', 'FI', 'FR', 'GR', 'IT', 'NL', 'PL', 'SE'];

export interface ModelSubmission {
  number: string;
  spaceIndex: number;
  app: boolean;
  fileName: string | null;
  /** The app's dossier name, e.g. "Red paint PCN" (null for submissions seen only in events). */
  dossierName: string | null;
  dossierUuid: string;
  ufis: string[];
  submissionType: string;
  status: SubmissionStatus;
  submittedMs: number;
  recipients: string[];
  downloaded: string[];
}

export interface ScaleModel {
  submissions: ModelSubmission[];
  /** Per space index, events in offset order. */
  events: LedgerEvent[][];
  eventCount: number;
}

function uuid(rand: () => number): string {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const s = Array.from({ length: 32 }, hex).join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

function ufi(rand: () => number): string {
  const c = Array.from({ length: 16 }, () => UFI_ALPHABET[Math.floor(rand() * UFI_ALPHABET.length)]).join('');
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}-${c.slice(12, 16)}`;
}

/** ECHA style: local Helsinki-ish offset and microseconds. */
function echaTimestamp(ms: number, micros: number, offsetHours: 2 | 3): string {
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
  const frac = String((ms % 1000) * 1000 + micros).padStart(6, '0');
  return `${local}.${frac}+0${offsetHours}:00`;
}

const BASE_MS = Date.UTC(2021, 0, 1);
const STEP_MS = 5 * 60_000;

/**
 * An event as event sync hands it to the ledger (toLedgerEvent in src-main/workflows/event-sync.ts):
 * every field present, null when ECHA sent none, in one order. Events with keys missing or in other
 * orders are objects of many shapes, which the app never ingests and which are slower to read.
 */
function asSynced(e: Omit<LedgerEvent, 'offset'>, offset: number): LedgerEvent {
  return {
    submissionNumber: e.submissionNumber,
    dossierType: e.dossierType ?? null,
    eventType: e.eventType,
    recipients: e.recipients ?? null,
    country: e.country ?? null,
    timestamp: e.timestamp,
    offset,
    statusUrl: e.statusUrl ?? null,
    dossierUuid: e.dossierUuid ?? null,
    pssi: e.pssi ?? null,
    warnings: e.warnings ?? null,
    correlationId: e.correlationId ?? null,
    raw: e.raw ?? null,
  };
}

export function buildModel(count: number, seed = 42): ScaleModel {
  const rand = prng(seed);
  const submissions: ModelSubmission[] = [];
  const perSpace: { ms: number; tie: number; e: Omit<LedgerEvent, 'offset'> }[][] = SPACES.map(() => []);
  let eventCount = 0;
  for (let i = 0; i < count; i++) {
    const r = rand();
    // 70% production, 20% integration, 10% connectivity; LEs evenly.
    const le = i % LES.length;
    const modeSlot = r < 0.7 ? 0 : r < 0.8 ? 1 : rand() < 0.5 ? 2 : 3;
    const spaceIndex = le * 4 + modeSlot;
    const isScip = rand() < 0.3;
    const status: SubmissionStatus = rand() < 0.6 ? 'VALIDATION_SUCCEEDED' : rand() < 0.75 ? 'VALIDATION_FAILED' : 'PENDING';
    const submittedMs = BASE_MS + i * STEP_MS + Math.floor(rand() * (STEP_MS - 10_000));
    const number = `RMH${String(100000 + i).padStart(6, '0')}-${String(i % 97).padStart(2, '0')}`;
    const app = rand() < 0.6;
    const product = PRODUCTS[i % PRODUCTS.length]!;
    const sub: ModelSubmission = {
      number,
      spaceIndex,
      app,
      fileName: app ? `${product}-${i}.i6z` : null,
      // derived from i, not drawn: the rest of the model stays what it was before names existed
      dossierName: app ? `${COLOURS[Math.floor(i / PRODUCTS.length) % COLOURS.length]!} ${product} ${isScip ? 'SCIP' : 'PCN'}` : null,
      dossierUuid: uuid(rand),
      ufis: app && !isScip ? [ufi(rand), ufi(rand)] : [],
      submissionType: isScip ? 'SCIP' : 'CLP_PCN',
      status,
      submittedMs,
      recipients: [],
      downloaded: [],
    };
    const dossierType = sub.submissionType;
    const tz: 2 | 3 = i % 2 === 0 ? 2 : 3;
    const at = (ms: number) => echaTimestamp(ms, Math.floor(rand() * 1000), tz);
    const push = (ms: number, e: Omit<LedgerEvent, 'offset' | 'submissionNumber' | 'timestamp'>) => {
      perSpace[spaceIndex]!.push({ ms, tie: perSpace[spaceIndex]!.length, e: { submissionNumber: number, timestamp: at(ms), ...e } });
      eventCount += 1;
    };
    const events = { dossierUuid: sub.dossierUuid, dossierType };
    push(submittedMs, { eventType: 'SUBMITTED', ...events });
    if (status === 'VALIDATION_SUCCEEDED') {
      const c1 = COUNTRIES[Math.floor(rand() * COUNTRIES.length)]!;
      const c2 = COUNTRIES[Math.floor(rand() * COUNTRIES.length)]!;
      sub.recipients = [...new Set([c1, c2])].sort();
      sub.downloaded = [c1];
      push(submittedMs + 2000, { eventType: 'PASSED', warnings: rand() < 0.2, ...events });
      push(submittedMs + 4000, { eventType: 'DISPATCHED', recipients: sub.recipients, ...events });
      push(submittedMs + 86_400_000, { eventType: 'DOWNLOADED', country: c1, ...events });
    } else if (status === 'VALIDATION_FAILED') {
      push(submittedMs + 3000, { eventType: 'FAILED', ...events });
      // repeats with later timestamps: the earlier ones stand
      push(submittedMs + 60_000, { eventType: 'FAILED', ...events });
      push(submittedMs + 120_000, { eventType: 'SUBMITTED', ...events });
    } else {
      push(submittedMs + 30_000, { eventType: 'SUBMITTED', ...events });
      push(submittedMs + 60_000, { eventType: 'SUBMITTED', ...events });
      push(submittedMs + 90_000, { eventType: 'SUBMITTED', ...events });
    }
    submissions.push(sub);
  }
  const events = perSpace.map((list) => list.sort((a, b) => a.ms - b.ms || a.tie - b.tie).map((x, offset) => asSynced(x.e, offset)));
  return { submissions, events, eventCount };
}

/** Records the app's submissions (one transaction), as the outbox would have after each 202. */
/** Records the model's app submissions (those from `from` to `to`, in order, when given) in one bulk. */
export function recordAppSubmissions(ledger: Ledger, model: ScaleModel, from = 0, to = Infinity): void {
  ledger.bulk(() => {
    let n = -1;
    for (const s of model.submissions) {
      if (!s.app) continue;
      n += 1;
      if (n < from) continue;
      if (n >= to) break;
      ledger.recordDirectSubmission({
        space: SPACES[s.spaceIndex]!,
        variant: 'DOSSIER',
        accepted: { submissionNumber: s.number, statusUrl: `https://api.example.invalid/submission/v3/${s.number}`, reportUrl: null },
        dossier: {
          fileName: s.fileName!,
          sizeBytes: 1000,
          sha256: '0'.repeat(64),
          dossierUuid: s.dossierUuid,
          dossierName: s.dossierName,
          submissionType: s.submissionType,
          kind: s.submissionType === 'SCIP' ? 'SCIP' : 'PCN',
          ufis: s.ufis.map((value) => ({ value, valid: true })),
          pcnNumber: null,
          scipPrimaryArticleId: null,
        },
      });
    }
  });
}

/** Ingests every space's events in pages, as event sync would. */
export function ingestAll(ledger: Ledger, model: ScaleModel, pageSize = 1000): number {
  let pages = 0;
  model.events.forEach((events, i) => {
    for (let start = 0; start < events.length; start += pageSize) {
      ledger.ingestEventPage(SPACES[i]!, events.slice(start, start + pageSize));
      pages += 1;
    }
  });
  return pages;
}
