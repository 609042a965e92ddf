// The workflows' own small persistent state, next to the settings and the ledger but owned by neither:
// the config generation of each profile (what unlocks Retry after a business failure), the generation
// at which each held item failed, scenario runs and the local sandbox's demo profile. No secrets:
// checked by schema (strict objects) and by the tests' grep. What the settings or the ledger keep
// (notification switches, reports still due) is not duplicated here.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { redact, redactProblem } from '../redaction';

const ProblemLike = z.strictObject({
  kind: z.string().max(40),
  status: z.number().int().optional(),
  message: z.string().max(4000),
  serverMessage: z.string().max(4000).optional(),
  retryable: z.boolean(),
  category: z.enum(['technical', 'business']),
  outcomeUnknown: z.boolean(),
});

const StepSchema = z.strictObject({
  step: z.number().int().min(1).max(10),
  label: z.string().max(200),
  state: z.enum(['pending', 'running', 'passed', 'failed', 'skipped']),
  detail: z.string().max(2000).nullable(),
  problem: ProblemLike.nullable(),
});

export const ScenarioRunSchema = z.strictObject({
  runId: z.string().max(128),
  profileId: z.string().max(128),
  kind: z.enum(['connectivity', 'integration']),
  testRun: z.string().max(100).nullable(),
  startedAt: z.string().max(40),
  finishedAt: z.string().max(40).nullable(),
  outcome: z.enum(['passed', 'failed', 'cancelled', 'running']),
  steps: z.array(StepSchema).max(10),
  keyReading: z.strictObject({ used: z.enum(['base64url-decoded', 'literal']), switched: z.boolean() }).nullable(),
  submissionIds: z.array(z.string().max(64)).max(200),
  /** Absent in runs saved before verdicts were kept apart. */
  dossiers: z
    .array(
      z.strictObject({
        fileName: z.string().max(255),
        submissionId: z.string().max(64).nullable(),
        submissionNumber: z.string().max(100).nullable(),
        verdict: z.enum(['passed', 'failed', 'pending', 'not-accepted']),
        failCount: z.number().int().min(0),
        warnCount: z.number().int().min(0),
        codes: z.array(z.string().max(100)).max(10),
        message: z.string().max(2000).nullable(),
      }),
    )
    .max(100)
    .optional(),
});

const StateSchema = z.strictObject({
  version: z.literal(1),
  generations: z.record(z.string().max(128), z.number().int().min(0)),
  heldGenerations: z.record(z.string().max(32), z.number().int().min(0)),
  /** Which profile queued each outbox item (an LE may have several profiles, one per S2S user). */
  itemProfiles: z.record(z.string().max(32), z.string().max(128)),
  runs: z.array(ScenarioRunSchema).max(500),
  demo: z.strictObject({ profileId: z.string().max(128), port: z.number().int().min(0).max(65535).nullable() }).nullable(),
  /** Submissions already notified as pending too long (so the flag notifies once). */
  pendingFlagged: z.array(z.string().max(32)).max(100_000),
});
export type WorkflowState = z.infer<typeof StateSchema>;

const empty = (): WorkflowState => ({
  version: 1,
  generations: {},
  heldGenerations: {},
  itemProfiles: {},
  runs: [],
  demo: null,
  pendingFlagged: [],
});

const STATE_FILE_NAME = 'workflow-state.json';
const RUNS_KEPT_PER_PROFILE = 20;

export class StateFile {
  readonly path: string;
  #state: WorkflowState;

  constructor(dataDir: string, private readonly log: { warn(m: string): void }) {
    this.path = join(dataDir, STATE_FILE_NAME);
    this.#state = this.#load();
  }

  #load(): WorkflowState {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return empty();
    }
    try {
      return StateSchema.parse(JSON.parse(text));
    } catch {
      // Nothing in here is a legal record (that is the ledger's job): a broken file is set aside and
      // started afresh, with a warning, rather than blocking the app.
      const aside = `${this.path}.broken-${Date.now()}`;
      try {
        renameSync(this.path, aside);
      } catch {
        /* keep going with an empty state */
      }
      this.log.warn(`The workflow state file was unreadable and was set aside as ${aside}.`);
      return empty();
    }
  }

  #save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.#state, null, 1), { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  get state(): Readonly<WorkflowState> {
    return this.#state;
  }

  generation(profileId: string): number {
    return this.#state.generations[profileId] ?? 0;
  }

  bumpGeneration(profileId: string): number {
    const next = this.generation(profileId) + 1;
    this.#state.generations[profileId] = next;
    this.#save();
    return next;
  }

  heldGeneration(itemId: number): number | null {
    return this.#state.heldGenerations[String(itemId)] ?? null;
  }

  setHeldGeneration(itemId: number, generation: number | null): void {
    if (generation === null) delete this.#state.heldGenerations[String(itemId)];
    else this.#state.heldGenerations[String(itemId)] = generation;
    this.#save();
  }

  itemProfile(itemId: number): string | null {
    return this.#state.itemProfiles[String(itemId)] ?? null;
  }

  setItemProfiles(itemIds: readonly number[], profileId: string): void {
    for (const id of itemIds) this.#state.itemProfiles[String(id)] = profileId;
    this.#save();
  }

  forgetItems(itemIds: readonly number[]): void {
    for (const id of itemIds) {
      delete this.#state.itemProfiles[String(id)];
      delete this.#state.heldGenerations[String(id)];
    }
    this.#save();
  }

  saveRun(run: z.infer<typeof ScenarioRunSchema>): void {
    // What a server said during a test is stored here: through the one redactor first.
    const parsed = ScenarioRunSchema.parse({
      ...run,
      steps: run.steps.map((s) => ({
        ...s,
        detail: s.detail === null ? null : redact(s.detail),
        problem: s.problem === null ? null : redactProblem(s.problem),
      })),
    });
    const others = this.#state.runs.filter((r) => r.runId !== parsed.runId);
    const mine = others.filter((r) => r.profileId === parsed.profileId && r.kind === parsed.kind);
    const dropped = new Set(mine.slice(0, Math.max(0, mine.length - (RUNS_KEPT_PER_PROFILE - 1))).map((r) => r.runId));
    this.#state.runs = [...others.filter((r) => !dropped.has(r.runId)), parsed];
    this.#save();
  }

  runs(): readonly z.infer<typeof ScenarioRunSchema>[] {
    return this.#state.runs;
  }

  setDemo(demo: WorkflowState['demo']): void {
    this.#state.demo = demo;
    this.#save();
  }

  markPendingFlagged(submissionId: number): boolean {
    const key = String(submissionId);
    if (this.#state.pendingFlagged.includes(key)) return false;
    this.#state.pendingFlagged.push(key);
    if (this.#state.pendingFlagged.length > 50_000) this.#state.pendingFlagged.splice(0, 10_000);
    this.#save();
    return true;
  }

  forgetProfile(profileId: string): void {
    delete this.#state.generations[profileId];
    this.#state.runs = this.#state.runs.filter((r) => r.profileId !== profileId);
    if (this.#state.demo?.profileId === profileId) this.#state.demo = null;
    this.#save();
  }
}
