// Submissions, their spaces and their events. Processing is lazy: each submission's future events are
// queued with their due time, and every read or write first materialises the events that are due, in
// time order, giving them ascending offsets per LE+space. No timers: a manual clock makes it exact.
import type { DossierKind, DossierInfo } from '../dossier';
import type { EventType, SubmissionStatus, Validation } from '../../src-preload/domain';
import { MinHeap } from './heap';
import { CONNECTIVITY_SUBMISSION_NUMBER, makeSubmissionNumber, UUID_PATTERN } from './numbers';
import type { Random } from './prng';
import { evaluateDossier, INVALID_ARCHIVE, isFailed } from './rules';
import type { SandboxTiming, SpaceRef } from './types';

/** Recipients a PCN dispatch draws from (ISO codes as the spec's samples write them: GR, not EL). */
const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

export type EventData = Readonly<Record<string, never>> | Readonly<{ recipients: string }> | Readonly<{ country: string }>;
const NO_DATA: EventData = Object.freeze({});

export interface StoredEvent {
  readonly offset: number;
  /** A table 10 type, or any text injected to test clients against types ECHA may add. */
  readonly type: EventType | (string & {});
  readonly at: number;
  readonly data: EventData;
  readonly submission: Submission;
}

interface Identifier {
  readonly label: string;
  readonly value: string;
  readonly other: Readonly<Record<string, never>>;
}

interface DossierFacts {
  readonly uuid: string | null;
  readonly identifiers: readonly Identifier[];
  /** What v1/v2 reports show as refType/refValue. */
  readonly ref: { readonly type: string; readonly value: string } | null;
}

export type Verdict = 'PASSED' | 'FAILED';

export interface Submission {
  readonly number: string;
  readonly leUuid: string;
  readonly space: SpaceRef;
  readonly variant: 'DOSSIER' | 'SBR';
  readonly submittedAt: number;
  readonly correlationId: string | null;
  readonly fileName: string | null;
  /** CLP_PCN, SCIP, ... as the archive says; null when the archive could not be read. */
  readonly dossierType: string | null;
  /** Null for submit-by-reference and for uploads that are not readable IUCLID dossiers. */
  readonly dossier: DossierFacts | null;
  readonly referencedPssi: string | null;
  /** PCN number, or the SCIP number issued for a passed SCIP dossier. */
  readonly pssi: string | null;
  /** Decided at submission, revealed once the outcome event is materialised. */
  readonly verdict: Verdict;
  readonly validations: readonly Validation[];
  /** The outcome event is materialised: the report is final. */
  finalised: boolean;
  readonly events: StoredEvent[];
}

export type Inspection = { ok: true; info: DossierInfo } | { ok: false };

export interface DossierSubmissionInput {
  leUuid: string;
  space: SpaceRef;
  correlationId: string | null;
  clpHeaders: boolean;
  fileName: string;
  inspection: Inspection;
}

export type SbrItemResult = { ok: true; submission: Submission; referencedPssi: string } | { ok: false; referencedPssi: string };

export type ReportStatus = 'not-yet' | SubmissionStatus;

export interface EngineOptions {
  now: () => number;
  timing: SandboxTiming;
  repeatedDispatchRate: number;
  numbers: Random;
  processing: Random;
  knownScipNumbers: readonly string[];
}

export interface PlannedEvent {
  at: number;
  type: EventType;
  data: EventData;
}

export interface Dispatch {
  recipients: string[];
  repeat: boolean;
}

/** Pure: the events one submission will produce, in order. */
export function plannedTimeline(submittedAt: number, verdict: Verdict, dispatch: Dispatch | null, timing: SandboxTiming): PlannedEvent[] {
  const out: PlannedEvent[] = [{ at: submittedAt, type: 'SUBMITTED', data: NO_DATA }];
  const outcomeAt = submittedAt + timing.processingMs;
  out.push({ at: outcomeAt, type: verdict, data: NO_DATA });
  if (dispatch) {
    const dispatchAt = outcomeAt + timing.dispatchMs;
    const data: EventData = Object.freeze({ recipients: dispatch.recipients.join(',') });
    out.push({ at: dispatchAt, type: 'DISPATCHED', data });
    // Spec 2.4.2: the same event type may arrive twice; the repeat carries a later timestamp.
    if (dispatch.repeat) out.push({ at: dispatchAt + Math.max(1, Math.floor(timing.downloadMs / 2)), type: 'DISPATCHED', data });
    dispatch.recipients.forEach((country, i) => {
      out.push({ at: dispatchAt + timing.downloadMs * (i + 1), type: 'DOWNLOADED', data: Object.freeze({ country }) });
    });
  }
  return out;
}

function dossierFacts(info: DossierInfo): DossierFacts {
  const none = Object.freeze({}) as Readonly<Record<string, never>>;
  if (info.kind === 'PCN') {
    return {
      uuid: info.dossierUuid,
      identifiers: info.ufis.map((u) => ({ label: 'Unique formula identifier (UFI)', value: u.value, other: none })),
      ref: info.pcnNumber ? { type: 'PCN_NUMBER', value: info.pcnNumber } : null,
    };
  }
  if (info.kind === 'SCIP' && info.scipPrimaryArticleId) {
    const { type, value } = info.scipPrimaryArticleId;
    const label = type ?? 'Primary article identifier';
    return { uuid: info.dossierUuid, identifiers: [{ label, value, other: none }], ref: { type: label, value } };
  }
  return { uuid: info.dossierUuid, identifiers: [], ref: null };
}

interface Space {
  readonly ref: SpaceRef;
  readonly leUuid: string;
  readonly events: StoredEvent[];
  readonly byNumber: Map<string, Submission>;
  readonly byDossierUuid: Map<string, Submission[]>;
}

interface Pending extends PlannedEvent {
  seq: number;
  space: Space;
  submission: Submission;
}

const realmKey = (ref: SpaceRef): string => (ref.kind === 'production' ? 'production' : `integration:${ref.testRun}`);
const spaceKey = (leUuid: string, ref: SpaceRef): string => `${leUuid}\u0000${realmKey(ref)}`;

export interface SpaceSummary {
  leUuid: string;
  space: SpaceRef;
  submissions: number;
  events: number;
  pending: number;
}

const SEEDED_FAILURE: readonly Validation[] = Object.freeze([
  Object.freeze({ level: 'FAIL' as const, code: 'BR570', context: 'Seeded failed submission' }),
]);
export const MAX_SEED_COUNT = 1_000_000;
const NONE: readonly never[] = Object.freeze([]);

export class SandboxEngine {
  private readonly spaces = new Map<string, Space>();
  private readonly all = new Map<string, Submission>();
  private readonly queue = new MinHeap<Pending>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  /** Per realm (production, or one test run across LEs): SCIP numbers issued by passed SCIP dossiers. */
  private readonly issuedScip = new Map<string, Map<string, Submission>>();
  private readonly acceptedScip: ReadonlySet<string>;

  constructor(private readonly o: EngineOptions) {
    this.acceptedScip = new Set(o.knownScipNumbers.map((n) => n.toLowerCase()));
  }

  /** Turns every queued event that is due into a stored event with the next offset of its space. */
  materialise(): void {
    const now = this.o.now();
    for (let next = this.queue.peek(); next !== undefined && next.at <= now; next = this.queue.peek()) {
      this.queue.pop();
      this.append(next.space, next.submission, next.type, next.at, next.data);
    }
  }

  submitDossier(input: DossierSubmissionInput): Submission {
    this.materialise();
    const now = this.o.now();
    const space = this.ensureSpace(input.leUuid, input.space);
    let validations: readonly Validation[] = INVALID_ARCHIVE;
    let info: DossierInfo | null = null;
    if (input.inspection.ok) {
      info = input.inspection.info;
      const duplicate = info.dossierUuid ? this.activeDuplicate(space, info.dossierUuid) : undefined;
      validations = evaluateDossier(info, {
        submittingLe: input.leUuid,
        duplicateOf: duplicate?.number ?? null,
        clpHeaders: input.clpHeaders,
      });
    }
    const verdict: Verdict = isFailed(validations) ? 'FAILED' : 'PASSED';
    const kind: DossierKind | null = info?.kind ?? null;
    const pssi = kind === 'PCN' ? (info?.pcnNumber ?? null) : kind === 'SCIP' && verdict === 'PASSED' ? this.o.processing.uuid() : null;
    const sub = this.register(space, {
      variant: 'DOSSIER',
      submittedAt: now,
      correlationId: input.correlationId,
      fileName: input.fileName,
      dossierType: info?.submissionType ?? null,
      dossier: info ? dossierFacts(info) : null,
      referencedPssi: null,
      pssi,
      verdict,
      validations,
    });
    if (kind === 'SCIP' && pssi !== null) this.scipRealm(input.space).set(pssi.toLowerCase(), sub);
    const dispatch = input.space.kind === 'production' && verdict === 'PASSED' && kind === 'PCN' ? this.drawDispatch() : null;
    this.schedule(space, sub, plannedTimeline(now, verdict, dispatch, this.o.timing));
    this.materialise();
    return sub;
  }

  /** Spec 2.5: one entry per given SCIP number; unknown or malformed ones fail without a submission. */
  submitByReference(leUuid: string, spaceRef: SpaceRef, correlationId: string | null, pssis: readonly string[]): SbrItemResult[] {
    this.materialise();
    const now = this.o.now();
    const space = this.ensureSpace(leUuid, spaceRef);
    const results = pssis.map((raw): SbrItemResult => {
      if (!UUID_PATTERN.test(raw) || !this.isKnownScip(spaceRef, raw)) return { ok: false, referencedPssi: raw };
      const sub = this.register(space, {
        variant: 'SBR',
        submittedAt: now,
        correlationId,
        fileName: null,
        dossierType: 'SCIP',
        dossier: null,
        referencedPssi: raw,
        pssi: null,
        verdict: 'PASSED',
        validations: [],
      });
      this.schedule(space, sub, plannedTimeline(now, 'PASSED', null, this.o.timing));
      return { ok: true, submission: sub, referencedPssi: raw };
    });
    this.materialise();
    return results;
  }

  find(leUuid: string, spaceRef: SpaceRef, number: string): Submission | undefined {
    this.materialise();
    return this.spaces.get(spaceKey(leUuid, spaceRef))?.byNumber.get(number);
  }

  /** The human-readable page is looked up by realm (production site or test-run site), not by LE. */
  findForPage(realm: SpaceRef, number: string): Submission | undefined {
    this.materialise();
    const sub = this.all.get(number);
    return sub && realmKey(sub.space) === realmKey(realm) ? sub : undefined;
  }

  reportStatus(sub: Submission): ReportStatus {
    if (this.o.now() < sub.submittedAt + this.o.timing.reportNotFoundMs) return 'not-yet';
    if (!sub.finalised) return 'PENDING';
    return sub.verdict === 'PASSED' ? 'VALIDATION_SUCCEEDED' : 'VALIDATION_FAILED';
  }

  eventsPage(leUuid: string, spaceRef: SpaceRef, offset: number, limit: number): readonly StoredEvent[] {
    this.materialise();
    const space = this.spaces.get(spaceKey(leUuid, spaceRef));
    // Offsets are dense from 0 in each space, so an offset is an index.
    return space ? space.events.slice(offset, offset + limit) : [];
  }

  /**
   * Bulk-creates `count` finished submissions with their events, one second apart, ending before now.
   * Mostly passed PCN dossiers (production ones also DISPATCHED to one country), some SCIP, ~10% failed.
   */
  seed(leUuid: string, spaceRef: SpaceRef, count: number): void {
    if (!Number.isInteger(count) || count < 0 || count > MAX_SEED_COUNT) {
      throw new Error(`seed count must be an integer from 0 to ${MAX_SEED_COUNT}`);
    }
    this.materialise();
    const r = this.o.processing;
    const space = this.ensureSpace(leUuid, spaceRef);
    const step = 1000;
    const start = this.o.now() - count * step - 10_000;
    for (let i = 0; i < count; i++) {
      const t = start + i * step;
      const pcn = r.chance(0.8);
      const verdict: Verdict = r.chance(0.9) ? 'PASSED' : 'FAILED';
      const sub = this.register(space, {
        variant: 'DOSSIER',
        submittedAt: t,
        correlationId: null,
        fileName: `seeded-${i + 1}.i6z`,
        dossierType: pcn ? 'CLP_PCN' : 'SCIP',
        dossier: { uuid: r.uuid(), identifiers: NONE, ref: null },
        referencedPssi: null,
        pssi: null,
        verdict,
        validations: verdict === 'FAILED' ? SEEDED_FAILURE : NONE,
      });
      this.append(space, sub, 'SUBMITTED', t, NO_DATA);
      this.append(space, sub, verdict, t + 400, NO_DATA);
      if (spaceRef.kind === 'production' && pcn && verdict === 'PASSED') {
        this.append(space, sub, 'DISPATCHED', t + 700, Object.freeze({ recipients: r.pick(EU_COUNTRIES) }));
      }
    }
  }

  /** Appends an event of any type to an existing submission, at the current time (see Sandbox.injectEvent). */
  injectEvent(leUuid: string, spaceRef: SpaceRef, number: string, type: string): { offset: number } {
    if (type.trim() === '' || type.length > 100) throw new Error('eventType must be 1 to 100 characters');
    this.materialise();
    const space = this.spaces.get(spaceKey(leUuid, spaceRef));
    const sub = space?.byNumber.get(number);
    if (!space || !sub) throw new Error(`No submission ${number} in that space`);
    this.append(space, sub, type, this.o.now(), NO_DATA);
    return { offset: space.events.length - 1 };
  }

  summary(): SpaceSummary[] {
    this.materialise();
    return [...this.spaces.values()].map((s) => {
      let pending = 0;
      for (const sub of s.byNumber.values()) if (!sub.finalised) pending++;
      return { leUuid: s.leUuid, space: s.ref, submissions: s.byNumber.size, events: s.events.length, pending };
    });
  }

  private isKnownScip(ref: SpaceRef, n: string): boolean {
    const key = n.toLowerCase();
    if (this.acceptedScip.has(key)) return true;
    const issuer = this.issuedScip.get(realmKey(ref))?.get(key);
    return issuer !== undefined && issuer.finalised && issuer.verdict === 'PASSED';
  }

  private scipRealm(ref: SpaceRef): Map<string, Submission> {
    const key = realmKey(ref);
    let realm = this.issuedScip.get(key);
    if (!realm) this.issuedScip.set(key, (realm = new Map()));
    return realm;
  }

  private activeDuplicate(space: Space, dossierUuid: string): Submission | undefined {
    return space.byDossierUuid.get(dossierUuid.toLowerCase())?.find((s) => s.verdict === 'PASSED' || !s.finalised);
  }

  private drawDispatch(): Dispatch {
    const r = this.o.processing;
    const pool: string[] = [...EU_COUNTRIES];
    const recipients: string[] = [];
    const count = 1 + r.int(4);
    for (let i = 0; i < count; i++) recipients.push(pool.splice(r.int(pool.length), 1)[0] as string);
    return { recipients, repeat: r.chance(this.o.repeatedDispatchRate) };
  }

  private ensureSpace(leUuid: string, ref: SpaceRef): Space {
    const key = spaceKey(leUuid, ref);
    let space = this.spaces.get(key);
    if (!space) {
      space = { ref: { ...ref }, leUuid, events: [], byNumber: new Map(), byDossierUuid: new Map() };
      this.spaces.set(key, space);
    }
    return space;
  }

  private newNumber(): string {
    for (;;) {
      const n = makeSubmissionNumber(this.o.numbers);
      if (!this.all.has(n) && n !== CONNECTIVITY_SUBMISSION_NUMBER) return n;
    }
  }

  private register(
    space: Space,
    fields: Omit<Submission, 'number' | 'leUuid' | 'space' | 'finalised' | 'events'>,
  ): Submission {
    const sub: Submission = {
      number: this.newNumber(),
      leUuid: space.leUuid,
      space: space.ref,
      variant: fields.variant,
      submittedAt: fields.submittedAt,
      correlationId: fields.correlationId,
      fileName: fields.fileName,
      dossierType: fields.dossierType,
      dossier: fields.dossier,
      referencedPssi: fields.referencedPssi,
      pssi: fields.pssi,
      verdict: fields.verdict,
      validations: fields.validations,
      finalised: false,
      events: [],
    };
    space.byNumber.set(sub.number, sub);
    this.all.set(sub.number, sub);
    const uuid = sub.dossier?.uuid?.toLowerCase();
    if (uuid) {
      const list = space.byDossierUuid.get(uuid);
      if (list) list.push(sub);
      else space.byDossierUuid.set(uuid, [sub]);
    }
    return sub;
  }

  private schedule(space: Space, submission: Submission, planned: PlannedEvent[]): void {
    for (const p of planned) this.queue.push({ ...p, seq: this.seq++, space, submission });
  }

  private append(space: Space, submission: Submission, type: StoredEvent['type'], at: number, data: EventData): void {
    const ev: StoredEvent = { offset: space.events.length, type, at, data, submission };
    space.events.push(ev);
    submission.events.push(ev);
    if (type === 'PASSED' || type === 'FAILED') submission.finalised = true;
  }
}
