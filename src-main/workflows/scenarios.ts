// The guided test scenarios. Connectivity (spec 4.3.1): token, test headers, submit the bundled sample
// in connectivity mode, events, report - each step recorded with the server's answer when it fails.
// This is where the key-reading question of the spec README is settled: on the signature-mismatch 400,
// the submit is retried ONCE with the other reading, and the reading that works is remembered in the
// profile (the settings store settles it from the passed record). Integration (4.3.2): the same in a
// test run (the profile's next id), with the user's own dossiers, waiting for ECHA's real validation.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ScenarioDossier, ScenarioRun, ScenarioSpec } from '../../src-preload/contract';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { KeyReading, Mode, Problem } from '../../src-preload/domain';
import { inspectDossier, type DossierInfo } from '../dossier';
import { checkIdentity, hmacKeyFromApiKey, isSignatureMismatch, modeHeaders, otherKeyReading, signEchaJwt, type EchaClient } from '../echa';
import type { SubmissionSummary } from '../ledger';
import type { ProfileRecord } from '../settings';
import { targetOf } from '../settings/schema';
import type { WorkflowContext } from './context';
import type { EventSync } from './event-sync';
import type { FileRegistry } from './files';
import { toLedgerReport, type Reports } from './reports';
import { StepTracker, freshSteps, toRecordSteps } from './scenario-steps';

const SAMPLE_DOSSIER = join('sample-dossiers', 'sample-pcn.i6z');

export interface ScenarioTiming {
  /** Report 404 right after the submit ("not yet available"): how often and how long to wait. */
  reportRetries: number;
  reportRetryDelayMs: number;
  /** Integration: how long to follow the events for a final status, and how often to ask. */
  integrationWaitMs: number;
  integrationPollMs: number;
}

export const DEFAULT_SCENARIO_TIMING: ScenarioTiming = {
  reportRetries: 3,
  reportRetryDelayMs: 2000,
  integrationWaitMs: 5 * 60_000,
  integrationPollMs: 3000,
};

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/** Whether the bundled sample's submitting legal entity is `leUuid` (only then can ECHA pass it). */
async function sampleFits(samplePath: string, leUuid: string): Promise<boolean> {
  try {
    const info = await inspectDossier(samplePath);
    const le = info.submittingLegalEntity.uuid;
    return le !== null && le.toLowerCase() === leUuid.toLowerCase();
  } catch {
    return false;
  }
}

function dossierVerdict(d: { fileName: string; message: string | null }, s: SubmissionSummary | null): ScenarioDossier {
  if (s === null) return { fileName: d.fileName, submissionId: null, submissionNumber: null, verdict: 'not-accepted', failCount: 0, warnCount: 0, codes: [], message: d.message };
  const verdict = s.status === 'VALIDATION_SUCCEEDED' ? 'passed' : s.status === 'VALIDATION_FAILED' ? 'failed' : 'pending';
  return {
    fileName: d.fileName,
    submissionId: String(s.id),
    submissionNumber: s.number,
    verdict,
    failCount: s.failCount,
    warnCount: s.warnCount,
    codes: s.validationCodes.slice(0, 5),
    message: null,
  };
}

export class Scenarios {
  readonly #running = new Map<string, Promise<void>>();
  readonly #runs = new Map<string, ScenarioRun>();

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly sync: EventSync,
    private readonly reports: Reports,
    private readonly files: FileRegistry,
    private readonly timing: ScenarioTiming = DEFAULT_SCENARIO_TIMING,
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {
    for (const r of ctx.state.runs()) this.#runs.set(r.runId, { ...r, steps: r.steps.map((s) => ({ ...s })), dossiers: r.dossiers ?? [] } as ScenarioRun);
  }

  get(runId: string): ScenarioRun | null {
    const r = this.#runs.get(runId);
    return r ? structuredClone(r) : null;
  }

  latest(profileId: string): { connectivity: ScenarioRun | null; integration: ScenarioRun | null } {
    const mine = [...this.#runs.values()].filter((r) => r.profileId === profileId).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const last = (kind: ScenarioRun['kind']) => {
      const r = mine.filter((x) => x.kind === kind).at(-1);
      return r ? structuredClone(r) : null;
    };
    return { connectivity: last('connectivity'), integration: last('integration') };
  }

  allRuns(): ScenarioRun[] {
    return [...this.#runs.values()];
  }

  async start(profileId: string, spec: ScenarioSpec): Promise<Result<{ runId: string }>> {
    const { ctx } = this;
    const profile = ctx.settings.listProfiles().find((p) => p.id === profileId);
    if (!profile) return fail({ kind: 'not-found', message: 'This legal-entity profile does not exist.', what: 'profile' });
    if (this.#running.has(profileId)) return fail({ kind: 'precondition', reason: 'busy', message: 'A test is already running for this legal entity.' });
    if (!(await ctx.vault.hasKey(profile.leUuid, profile.username))) {
      return fail({ kind: 'no-key', message: `No API key is stored for ${profile.displayName}. Enter the S2S key first.`, profileId });
    }
    let files: { path: string; fileName: string }[] = [];
    if (spec.kind === 'integration') {
      for (const ref of spec.fileRefs) {
        const f = this.files.get(ref);
        if (!f) return fail({ kind: 'file-ref-unknown', message: 'A file is no longer available: add it again.', fileRef: ref });
        files.push({ path: f.path, fileName: f.fileName });
      }
    }
    if (files.length === 0) {
      const sample = join(ctx.assetsDir, SAMPLE_DOSSIER);
      // The sample's submitting legal entity is the demo one: for any other entity ECHA fails it on the
      // legal-entity check (BR570), which proves nothing about the entity's own dossiers (issue 11).
      if (spec.kind === 'integration' && !(await sampleFits(sample, profile.leUuid))) {
        return fail({
          kind: 'precondition',
          reason: 'own-dossier-needed',
          message: `The bundled sample dossier belongs to the demo legal entity, so ECHA would fail it for ${profile.displayName}. Choose one or more of ${profile.displayName}'s own .i6z dossiers for the integration test.`,
        });
      }
      files = [{ path: sample, fileName: 'sample-pcn.i6z' }];
    }

    let testRun: string | null = null;
    if (spec.kind === 'integration') {
      testRun = spec.testRun ?? ctx.settings.takeNextTestRun(profileId);
      // The profile works in this test run now: its history and the submit screen follow it.
      ctx.settings.setMode(profileId, { kind: 'integration', testRun });
    }
    const run: ScenarioRun = {
      runId: `run-${randomUUID()}`,
      profileId,
      kind: spec.kind,
      testRun: testRun as ScenarioRun['testRun'],
      startedAt: this.#now(),
      finishedAt: null,
      outcome: 'running',
      steps: freshSteps(),
      keyReading: null,
      submissionIds: [],
      dossiers: [],
    };
    this.#runs.set(run.runId, run);
    const tracker = new StepTracker(run, (step) => ctx.events.emit('scenarioStep', { runId: run.runId, profileId, kind: run.kind, step }));
    const body =
      spec.kind === 'connectivity'
        ? this.#connectivity(profile, tracker)
        : this.#integration(ctx.settings.getProfile(profileId), tracker, { kind: 'integration', testRun: testRun! }, files);
    const done = body
      .catch((err) => {
        ctx.log.error(`scenario ${run.runId} failed`, err);
        const open = run.steps.find((s) => s.state === 'running' || s.state === 'pending');
        if (open) tracker.failed(open.step, 'The app hit an internal error; details are in the log.', null);
      })
      .finally(() => this.#finish(run, tracker))
      .finally(() => this.#running.delete(profileId));
    this.#running.set(profileId, done);
    return ok({ runId: run.runId });
  }

  #now(): string {
    return new Date(this.ctx.scheduler.clock.now()).toISOString();
  }

  #finish(run: ScenarioRun, tracker: StepTracker): void {
    const { ctx } = this;
    run.finishedAt = this.#now();
    run.outcome = tracker.allPassed ? 'passed' : 'failed';
    const profile = ctx.settings.listProfiles().find((p) => p.id === run.profileId);
    if (profile) {
      const before = profile.keyReading;
      const target = { ...targetOf(profile), keyReading: run.keyReading?.used ?? profile.keyReading };
      const record =
        run.kind === 'connectivity'
          ? { kind: 'connectivity' as const, startedAt: run.startedAt, finishedAt: run.finishedAt, target, steps: toRecordSteps(run.steps, run.finishedAt) }
          : {
              kind: 'integration' as const,
              testRun: run.testRun!,
              dossiers: run.dossiers.map((d) => ({ fileName: d.fileName, submissionNumber: d.submissionNumber, verdict: d.verdict })),
              startedAt: run.startedAt,
              finishedAt: run.finishedAt,
              target,
              steps: toRecordSteps(run.steps, run.finishedAt),
            };
      try {
        const after = ctx.settings.recordTestResult(run.profileId, record);
        if (after.keyReading !== before) {
          // The reading that works is now the profile's: earlier refusals may not apply any more.
          ctx.state.bumpGeneration(run.profileId);
          ctx.clients.invalidate(run.profileId);
        }
      } catch (err) {
        ctx.log.error('the test result could not be recorded', err);
      }
    }
    ctx.state.saveRun(structuredClone(run));
    ctx.events.emit('scenarioFinished', { run: structuredClone(run) });
  }

  /** Resolves when no scenario is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()]);
  }

  // ---- steps shared by both scenarios -----------------------------------------------------------

  /** Step 1: a token can be signed with the key as read by `reading`. Never shown: only that it worked. */
  async #tokenStep(profile: ProfileRecord, tracker: StepTracker): Promise<KeyReading | null> {
    tracker.running(1);
    let key: string;
    try {
      key = await this.ctx.vault.getKeyForSigning(profile.leUuid, profile.username);
    } catch (err) {
      tracker.failed(1, err instanceof Error ? err.message : 'The key could not be read from the keychain.', null);
      return null;
    }
    const identity = checkIdentity({ username: profile.username, leUuid: profile.leUuid });
    if (!identity.ok) {
      tracker.failed(1, identity.problem.message, identity.problem);
      return null;
    }
    for (const reading of [profile.keyReading, otherKeyReading(profile.keyReading)]) {
      const hmac = hmacKeyFromApiKey(key, reading);
      if (!hmac.ok) continue;
      await signEchaJwt(identity.value, hmac.value, this.ctx.settings.connectionFor(profile.id).tokenLifetimeSec, this.ctx.scheduler.clock.now());
      tracker.passed(1, reading === profile.keyReading ? 'Token signed (HS256).' : `Token signed (HS256) with the key read as ${reading}.`);
      return reading;
    }
    const problem = hmacKeyFromApiKey(key, profile.keyReading);
    tracker.failed(1, problem.ok ? 'The key cannot be used.' : problem.problem.message, problem.ok ? null : problem.problem);
    return null;
  }

  #headersStep(mode: Mode, tracker: StepTracker): boolean {
    tracker.running(2);
    const h = modeHeaders(mode);
    if (!h.ok) {
      tracker.failed(2, h.problem.message, h.problem);
      return false;
    }
    const shown = Object.entries(h.value).map(([k, v]) => `${k}: ${v}`).join(', ');
    tracker.passed(2, shown === '' ? 'No test headers (production).' : shown);
    return true;
  }

  async #reportWithRetry(client: EchaClient, mode: Mode, number: string) {
    let r = await client.getReport(mode, number);
    for (let i = 0; i < this.timing.reportRetries && !r.ok && r.problem.kind === 'not-found'; i++) {
      await this.sleep(this.timing.reportRetryDelayMs);
      r = await client.getReport(mode, number);
    }
    return r;
  }

  // ---- connectivity -------------------------------------------------------------------------------

  async #connectivity(profile: ProfileRecord, tracker: StepTracker): Promise<void> {
    const { ctx } = this;
    const mode: Mode = { kind: 'connectivity' };
    const run = tracker.run;
    const firstReading = await this.#tokenStep(profile, tracker);
    if (firstReading === null) return;
    if (!this.#headersStep(mode, tracker)) return;

    const samplePath = join(ctx.assetsDir, SAMPLE_DOSSIER);
    let info: DossierInfo | null = null;
    try {
      info = await inspectDossier(samplePath);
    } catch {
      info = null;
    }
    tracker.running(3, 'Submitting the bundled sample dossier in connectivity mode.');
    let reading = firstReading;
    let client = ctx.clients.forProfile(profile.id, { keyReading: reading });
    const upload = { filePath: samplePath, fileName: 'sample-pcn.i6z', encoding: profile.uploadEncoding, correlationId: randomUUID() };
    let submitted = await client.submitDossier(mode, upload);
    let switched = false;
    if (!submitted.ok && isSignatureMismatch(submitted.problem)) {
      // The spec leaves open whether the HMAC key is the decoded Base64URL or the string itself:
      // ECHA's answer tells. One retry with the other reading, in connectivity mode where nothing is processed.
      const other = otherKeyReading(reading);
      tracker.running(3, `The signature was refused with the key read as ${reading}; trying ${other}.`);
      const otherClient = ctx.clients.forProfile(profile.id, { keyReading: other });
      const second = await otherClient.submitDossier(mode, upload);
      if (second.ok || !isSignatureMismatch(second.problem)) {
        reading = other;
        client = otherClient;
        switched = true;
      }
      submitted = second;
    }
    run.keyReading = { used: reading, switched: switched || reading !== profile.keyReading };
    tracker.passed(3, switched ? `Sample dossier sent (key reading switched to ${reading}).` : 'Sample dossier sent.');
    tracker.running(4);
    if (!submitted.ok) {
      tracker.failed(4, submitted.problem.message, submitted.problem);
      return;
    }
    tracker.passed(4, `Accepted (202) as ${submitted.value.submissionNumber}.`);
    tracker.running(5);
    const accepted = submitted.value;
    const summary = ctx.ledger.recordDirectSubmission({
      space: { le: profile.leUuid, mode },
      accepted: { submissionNumber: accepted.submissionNumber, statusUrl: accepted.statusUrl, reportUrl: accepted.reportUrl },
      variant: 'DOSSIER',
      dossier: info,
      correlationId: upload.correlationId,
      apiVersion: profile.apiVersion,
    });
    run.submissionIds.push(String(summary.id));
    ctx.events.emit('submissionsChanged', { submissionIds: [String(summary.id)], profileIds: [profile.id] });
    tracker.passed(5, `Submission number ${accepted.submissionNumber}, status and report URLs recorded.`);

    tracker.running(6);
    const events = await client.getEvents(mode, { offset: 0, limit: 1000 });
    tracker.passed(6);
    tracker.running(7);
    if (!events.ok) {
      tracker.failed(7, events.problem.message, events.problem);
      return;
    }
    tracker.passed(7, `${events.value.length} event${events.value.length === 1 ? '' : 's'} received (dummy answers in connectivity mode).`);

    tracker.running(8);
    const report = await this.#reportWithRetry(client, mode, accepted.submissionNumber);
    tracker.passed(8);
    tracker.running(9);
    if (!report.ok) {
      tracker.failed(9, report.problem.message, report.problem);
      return;
    }
    tracker.passed(9, `Report answered with status ${report.value.status}.`);
    tracker.running(10);
    ctx.ledger.storeReport(summary.id, toLedgerReport(report.value), { raw: report.value, apiVersion: report.value.version });
    tracker.passed(10, 'Report read and stored. Connectivity tests are not processed, so it stays PENDING.');
  }

  // ---- integration --------------------------------------------------------------------------------

  async #integration(profile: ProfileRecord, tracker: StepTracker, mode: Mode & { kind: 'integration' }, files: { path: string; fileName: string }[]): Promise<void> {
    const { ctx } = this;
    const run = tracker.run;
    const reading = await this.#tokenStep(profile, tracker);
    if (reading === null) return;
    if (!this.#headersStep(mode, tracker)) return;
    run.keyReading = { used: profile.keyReading, switched: false };
    const client = ctx.clients.forProfile(profile.id);
    const space = { le: profile.leUuid, mode };

    tracker.running(3, `Submitting ${files.length} dossier${files.length === 1 ? '' : 's'} in test run ${mode.testRun}.`);
    const ids: number[] = [];
    let firstProblem: Problem | null = null;
    const sent: { fileName: string; id: number | null; message: string | null }[] = [];
    for (const f of files) {
      let info: DossierInfo | null = null;
      try {
        info = { ...(await inspectDossier(f.path)), fileName: f.fileName };
      } catch {
        info = null;
      }
      const correlationId = randomUUID();
      const r = await client.submitDossier(mode, { filePath: f.path, fileName: f.fileName, encoding: profile.uploadEncoding, correlationId });
      if (!r.ok) {
        firstProblem ??= r.problem;
        sent.push({ fileName: f.fileName, id: null, message: r.problem.message });
        continue;
      }
      const s = ctx.ledger.recordDirectSubmission({
        space,
        accepted: { submissionNumber: r.value.submissionNumber, statusUrl: r.value.statusUrl, reportUrl: r.value.reportUrl },
        variant: 'DOSSIER',
        dossier: info,
        correlationId,
        apiVersion: profile.apiVersion,
      });
      ids.push(s.id);
      sent.push({ fileName: f.fileName, id: s.id, message: null });
      run.submissionIds.push(String(s.id));
    }
    // ECHA's verdict per dossier, apart from the steps (which say whether the calls work); kept up to
    // date as the run goes, so a failed step still leaves what is known.
    const verdicts = () => {
      run.dossiers = sent.map((d) => dossierVerdict(d, d.id === null ? null : ctx.ledger.getSubmission(d.id)));
    };
    verdicts();
    tracker.passed(3);
    tracker.running(4);
    if (ids.length === 0 || firstProblem) {
      tracker.failed(4, firstProblem?.message ?? 'Nothing was accepted.', firstProblem);
      return;
    }
    ctx.events.emit('submissionsChanged', { submissionIds: ids.map(String), profileIds: [profile.id] });
    const numbers = ids.map((id) => ctx.ledger.getSubmission(id).number);
    tracker.passed(4, `Accepted: ${numbers.join(', ')}.`);
    tracker.running(5);
    tracker.passed(5, 'Submission numbers and report URLs recorded.');

    tracker.running(6, 'Following the events until ECHA has validated the submissions.');
    const deadline = Date.now() + this.timing.integrationWaitMs;
    let lastSync = await this.sync.syncSpace(profile.id, space);
    while (lastSync.ok && ids.some((id) => ctx.ledger.getSubmission(id).status === 'PENDING') && Date.now() < deadline) {
      await this.sleep(this.timing.integrationPollMs);
      lastSync = await this.sync.syncSpace(profile.id, space);
    }
    tracker.passed(6);
    tracker.running(7);
    if (!lastSync.ok) {
      tracker.failed(7, lastSync.problem.message, lastSync.problem);
      return;
    }
    verdicts();
    const pending = ids.filter((id) => ctx.ledger.getSubmission(id).status === 'PENDING').length;
    tracker.passed(7, pending === 0 ? 'Every submission has its final status.' : `${pending} still pending; the history will show them when ECHA is done.`);

    tracker.running(8);
    let reportProblem: Problem | null = null;
    for (const id of ids) {
      const story = ctx.ledger.getStory(id);
      if (story.report && story.report.status !== 'PENDING') continue; // fetched once already by the sync
      const r = await this.reports.fetch(id);
      if (!r.ok) reportProblem ??= r.problem;
    }
    tracker.passed(8);
    verdicts();
    tracker.running(9);
    if (reportProblem) {
      tracker.failed(9, reportProblem.message, reportProblem);
      return;
    }
    tracker.passed(9);
    tracker.running(10);
    verdicts();
    // This step says the report was read and stored; ECHA's verdict on each dossier is the run's
    // `dossiers`, shown apart (a tick here is never beside VALIDATION_FAILED).
    const n = run.dossiers.filter((d) => d.submissionId !== null).length;
    tracker.passed(10, `${n === 1 ? 'The report was' : `${n} reports were`} read and stored. ECHA's verdict on ${n === 1 ? 'the dossier' : 'each dossier'} is shown apart from these steps.`);
  }
}
