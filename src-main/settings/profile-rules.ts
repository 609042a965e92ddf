// Pure rules of a profile's life: creation, edits, modes, test runs, test records, production unlock.
// The store only loads, calls one of these, validates and writes; every guard lives here, testable
// without a file.
import type { Mode, TestRunId } from '../../src-preload/domain';
import { ECHA_API_BASE_URL } from './base-url';
import { ProductionLocked, SettingsInputError } from './errors';
import {
  type ConnectivityRecord,
  type IntegrationRecord,
  type ProfileRecord,
  type ProfileCreateInputSchema,
  type ProfilePatchSchema,
  type TestRecord,
  MAX_TEST_RECORDS_PER_KIND,
  sameLe,
  targetOf,
  targetsEqual,
} from './schema';
import { redact as redactSecrets } from '../redaction';
import { defaultTestRunPrefix, formatTestRun, nextFreeTestRun } from './test-run';
import type { z } from 'zod';

type CreateInput = z.output<typeof ProfileCreateInputSchema>;
type Patch = z.output<typeof ProfilePatchSchema>;

type KeyOwner = Pick<ProfileRecord, 'leUuid' | 'username'>;

/** Whether two profiles file their API key under the same keychain entry (LE UUID + username). */
export function sameKeyOwner(a: KeyOwner, b: KeyOwner): boolean {
  return sameLe(a.leUuid, b.leUuid) && a.username === b.username;
}

/** Whether a profile other than `exceptId` uses this LE + username (then they share one keychain entry). */
export function keyOwnerInUse(profiles: readonly ProfileRecord[], owner: KeyOwner, exceptId?: string): boolean {
  return profiles.some((p) => p.id !== exceptId && sameKeyOwner(p, owner));
}

export function newProfile(input: CreateInput, id: string, now: string): ProfileRecord {
  return finalize({
    id,
    displayName: input.displayName,
    ...(input.clientGroup ? { clientGroup: input.clientGroup } : {}),
    leUuid: input.leUuid,
    username: input.username,
    apiVersion: input.apiVersion,
    keyReading: input.keyReading,
    keyReadingSettled: false,
    uploadEncoding: input.uploadEncoding,
    testRunPrefix: input.testRunPrefix ?? defaultTestRunPrefix(input.displayName, input.leUuid),
    nextTestRunNumber: input.nextTestRunNumber,
    usedTestRuns: [],
    mode: { kind: 'connectivity' },
    productionUnlock: null,
    baseUrl: input.baseUrl ?? ECHA_API_BASE_URL,
    clDefaults: input.clDefaults,
    connectivityTests: [],
    integrationTests: [],
    createdAt: now,
    updatedAt: now,
  });
}

export function applyPatch(p: ProfileRecord, patch: Patch, now: string): ProfileRecord {
  const next: ProfileRecord = { ...p, updatedAt: now };
  for (const [k, v] of Object.entries(patch) as Array<[keyof Patch, unknown]>) {
    if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  if (patch.clientGroup === '') delete next.clientGroup;
  if (patch.watchFolder === '') delete next.watchFolder;
  // A manual change of the key reading is no longer the one a test proved.
  if (patch.keyReading !== undefined && patch.keyReading !== p.keyReading) next.keyReadingSettled = false;
  // A new LE or user means a new key: what was proved for the old one says nothing.
  if (!sameLe(next.leUuid, p.leUuid) || next.username !== p.username) next.keyReadingSettled = false;
  if (patch.testRunPrefix !== undefined || patch.nextTestRunNumber !== undefined) {
    const upcoming = formatTestRun(next.testRunPrefix, next.nextTestRunNumber);
    if (next.usedTestRuns.includes(upcoming)) {
      throw new SettingsInputError(`Test run ${upcoming} was already used; test runs are never reused. Choose a higher number or another prefix.`, [
        { path: 'nextTestRunNumber', message: `${upcoming} was already used` },
      ]);
    }
  }
  return finalize(next);
}

/** Hands out the next never-used test run id and advances the counter. */
export function takeTestRun(p: ProfileRecord, now: string): { profile: ProfileRecord; testRun: TestRunId } {
  const { testRun, following } = nextFreeTestRun(p.testRunPrefix, p.nextTestRunNumber, p.usedTestRuns);
  return {
    testRun,
    profile: { ...p, usedTestRuns: [...p.usedTestRuns, testRun], nextTestRunNumber: following, updatedAt: now },
  };
}

/**
 * Production only once unlocked; an integration test run is remembered as used so the counter
 * never hands it out again (the user may resume an older run by typing its id).
 */
export function withMode(p: ProfileRecord, mode: Mode, now: string): ProfileRecord {
  if (mode.kind === 'production' && p.productionUnlock === null) {
    throw new ProductionLocked(
      'not-unlocked',
      `Production is locked for ${p.displayName} (${p.leUuid}). Pass the connectivity test and confirm production for this legal entity first.`,
    );
  }
  const usedTestRuns =
    mode.kind === 'integration' && !p.usedTestRuns.includes(mode.testRun) ? [...p.usedTestRuns, mode.testRun] : p.usedTestRuns;
  return finalize({ ...p, mode, usedTestRuns, updatedAt: now });
}

export function testPassed(r: Pick<TestRecord, 'steps'>): boolean {
  return r.steps.length > 0 && r.steps.every((s) => s.outcome === 'passed');
}

/**
 * Stores a test record (newest last, capped per kind). A passed connectivity test for this profile's
 * connection settles the key reading it used: that is where the open question of the spec README
 * ("decoded bytes or string bytes?") gets its per-profile answer.
 */
export function withTestRecord(p: ProfileRecord, record: TestRecord, now: string): ProfileRecord {
  if (!sameLe(record.target.leUuid, p.leUuid) || record.target.username !== p.username) {
    throw new SettingsInputError('This test result belongs to another legal entity or username than the profile.');
  }
  const clean = {
    ...record,
    steps: record.steps.map((s) => (s.serverMessage === undefined ? s : { ...s, serverMessage: redactSecrets(s.serverMessage) })),
  };
  let next: ProfileRecord = { ...p, updatedAt: now };
  if (clean.kind === 'connectivity') {
    next.connectivityTests = capped([...p.connectivityTests, clean as ConnectivityRecord]);
    // Same connection apart from the key reading: the test may have switched reading to find the working one.
    const sameConnection = targetsEqual({ ...clean.target, keyReading: p.keyReading }, targetOf(p));
    if (testPassed(clean) && sameConnection) {
      next = { ...next, keyReading: clean.target.keyReading, keyReadingSettled: true };
    }
  } else {
    next.integrationTests = capped([...p.integrationTests, clean as IntegrationRecord]);
    // A run that has results was used, however it was started: never hand it out again.
    if (!p.usedTestRuns.includes(clean.testRun)) next.usedTestRuns = [...p.usedTestRuns, clean.testRun];
  }
  return finalize(next);
}

/** The newest passed connectivity test that proved exactly the profile's current connection settings. */
export function provingConnectivityTest(p: ProfileRecord): ConnectivityRecord | null {
  const current = targetOf(p);
  for (let i = p.connectivityTests.length - 1; i >= 0; i--) {
    const r = p.connectivityTests[i];
    if (r && testPassed(r) && targetsEqual(r.target, current)) return r;
  }
  return null;
}

/**
 * The newest integration test of this legal entity whose calls all worked AND in which ECHA passed at
 * least one dossier: a run whose every dossier FAILED proves the calls, not that the entity's dossiers
 * get through (issue 11: the bundled sample fails BR570 for any entity but the demo one).
 */
export function provingIntegrationTest(p: ProfileRecord): IntegrationRecord | null {
  for (let i = p.integrationTests.length - 1; i >= 0; i--) {
    const r = p.integrationTests[i];
    if (r && testPassed(r) && sameLe(r.target.leUuid, p.leUuid) && (r.dossiers ?? []).some((d) => d.verdict === 'passed')) return r;
  }
  return null;
}

/**
 * Unlocks production: needs a passed connectivity test for the current connection settings, an
 * integration test in which ECHA passed one of the entity's dossiers or the user's acknowledgement of
 * going without (in their words), and a confirmation that names this legal entity.
 */
export function withProductionUnlock(p: ProfileRecord, confirmLeUuid: string, now: string, acknowledgement?: string): ProfileRecord {
  if (!sameLe(confirmLeUuid, p.leUuid)) {
    throw new ProductionLocked('confirmation-mismatch', `The confirmation must name this legal entity (${p.leUuid}).`);
  }
  const proof = provingConnectivityTest(p);
  if (proof === null) {
    throw new ProductionLocked(
      'no-passed-connectivity-test',
      `Run the connectivity test for ${p.displayName} with the current settings (API URL, version, username, key reading, upload encoding) and pass it before switching to production.`,
    );
  }
  const integration = provingIntegrationTest(p);
  const reason = acknowledgement?.trim() ?? '';
  if (integration === null && reason === '') {
    throw new ProductionLocked(
      'no-passed-integration-dossier',
      `No integration test of ${p.displayName} has a dossier that ECHA passed. Run one with the entity's own dossier, or acknowledge going live without it and say why.`,
    );
  }
  return finalize({
    ...p,
    productionUnlock: {
      at: now,
      confirmedLeUuid: p.leUuid,
      evidence: { testFinishedAt: proof.finishedAt, target: proof.target },
      ...(integration ? { integration: { testRun: integration.testRun, finishedAt: integration.finishedAt } } : { acknowledgement: reason }),
    },
    updatedAt: now,
  });
}

export function isProductionUnlocked(p: ProfileRecord): boolean {
  return p.productionUnlock !== null;
}

/**
 * Keeps the production invariants after any change: if the connection settings no longer match
 * what the unlocking test proved, production is locked again and a production mode falls back to the
 * connectivity test (the safe mode: nothing is processed).
 */
function finalize(p: ProfileRecord): ProfileRecord {
  if (p.productionUnlock !== null && !targetsEqual(p.productionUnlock.evidence.target, targetOf(p))) {
    p = { ...p, productionUnlock: null };
  }
  if (p.productionUnlock !== null && !sameLe(p.productionUnlock.confirmedLeUuid, p.leUuid)) {
    p = { ...p, productionUnlock: null };
  }
  if (p.mode.kind === 'production' && p.productionUnlock === null) p = { ...p, mode: { kind: 'connectivity' } };
  return p;
}

function capped<T>(list: T[]): T[] {
  return list.length > MAX_TEST_RECORDS_PER_KIND ? list.slice(list.length - MAX_TEST_RECORDS_PER_KIND) : list;
}
