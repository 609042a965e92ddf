// The stored ProfileRecord (settings) -> the contract's Profile (what the renderer sees: no key, only `hasKey`). Pure.
import type { Profile, ScenarioRun, ScenarioSummary } from '../../../src-preload/contract';
import { isLoopbackHost } from '../../settings/base-url';
import { provingConnectivityTest, provingIntegrationTest, testPassed } from '../../settings/profile-rules';
import type { ProfileRecord } from '../../settings/schema';

function endpointOf(baseUrl: string): 'echa' | 'local-sandbox' {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname) ? 'local-sandbox' : 'echa';
  } catch {
    return 'echa';
  }
}

function summary(runs: readonly ScenarioRun[], passedAt: string | null, dossierPassedAt: string | null = null): ScenarioSummary {
  const last = runs.at(-1) ?? null;
  return {
    lastRunId: last?.runId ?? null,
    lastOutcome: last && last.outcome !== 'running' ? last.outcome : null,
    lastRunAt: last?.startedAt ?? null,
    passedAt,
    dossierPassedAt,
  };
}

export function toContractProfile(p: ProfileRecord, hasKey: boolean, runs: readonly ScenarioRun[]): Profile {
  const mine = runs.filter((r) => r.profileId === p.id);
  const proof = provingConnectivityTest(p);
  const lastPassedIntegration = [...p.integrationTests].reverse().find((r) => testPassed(r));
  return {
    id: p.id,
    displayName: p.displayName,
    clientGroup: p.clientGroup ?? null,
    watchFolder: p.watchFolder ?? null,
    leUuid: p.leUuid,
    username: p.username,
    endpoint: endpointOf(p.baseUrl),
    baseUrl: p.baseUrl,
    apiVersion: p.apiVersion,
    keyReading: p.keyReading,
    keyReadingSettled: p.keyReadingSettled,
    uploadEncoding: p.uploadEncoding,
    testRunPrefix: p.testRunPrefix,
    nextTestRunNumber: p.nextTestRunNumber,
    mode: p.mode,
    productionUnlocked: p.productionUnlock !== null,
    hasKey,
    connectivity: summary(
      mine.filter((r) => r.kind === 'connectivity'),
      proof?.finishedAt ?? null,
    ),
    integration: summary(
      mine.filter((r) => r.kind === 'integration'),
      lastPassedIntegration?.finishedAt ?? null,
      provingIntegrationTest(p)?.finishedAt ?? null,
    ),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
