// Shared fixtures of the settings tests: a store on a fresh temp folder, a fake clock, and builders
// for test records. The vault here is the test-only memory store (the real keychain is exercised by
// test/integration/vault).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSettingsStore, type ProfileRecord, type SettingsStore, type TestRecordInput } from '../../../src-main/settings';
import { MemorySecretStore } from '../../../src-main/vault';

export const LE_A = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
export const LE_B = 'ECHA-0b6f0c2e-5d7a-4c1e-9f3a-2a1b3c4d5e6f';
export const SANDBOX_URL = 'http://127.0.0.1:43121/submission';
/** A well-formed (fake) S2S key: 43 Base64URL characters. */
export const KEY_A = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';
export const KEY_B = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-Dc_Ba9Zy8X';

export interface TmpStore {
  dir: string;
  file: string;
  vault: MemorySecretStore;
  store: SettingsStore;
  reopen(): SettingsStore;
  cleanup(): void;
}

export function tmpStore(): TmpStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'echa-settings-'));
  const vault = new MemorySecretStore('test-only');
  let t = Date.parse('2025-03-01T08:00:00.000Z');
  const now = () => new Date((t += 1000));
  const open = () => openSettingsStore({ cwd: dir, now });
  return {
    dir,
    file: path.join(dir, 'settings.json'),
    vault,
    store: open(),
    reopen: open,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function connectivityRecord(p: ProfileRecord, overrides: Partial<TestRecordInput> = {}, failStep?: number): TestRecordInput {
  return {
    kind: 'connectivity',
    startedAt: '2025-03-01T09:00:00.000Z',
    finishedAt: '2025-03-01T09:00:10.000Z',
    target: {
      baseUrl: p.baseUrl,
      apiVersion: p.apiVersion,
      leUuid: p.leUuid,
      username: p.username,
      keyReading: p.keyReading,
      uploadEncoding: p.uploadEncoding,
    },
    steps: Array.from({ length: 10 }, (_, i) => ({
      step: i + 1,
      title: `Step ${i + 1}`,
      outcome: failStep === i + 1 ? ('failed' as const) : ('passed' as const),
      ...(failStep === i + 1 ? { serverMessage: 'JWT signature does not match locally computed signature.' } : {}),
    })),
    ...overrides,
  } as TestRecordInput;
}

/** An integration test record of `p` whose calls all worked, with ECHA's verdict on each named dossier. */
export function integrationRecord(p: ProfileRecord, verdicts: ('passed' | 'failed' | 'pending' | 'not-accepted')[], testRun = 'acme-001'): TestRecordInput {
  const base = connectivityRecord(p) as Extract<TestRecordInput, { kind: 'connectivity' }>;
  return {
    ...base,
    kind: 'integration',
    testRun,
    dossiers: verdicts.map((verdict, i) => ({ fileName: `own-${i + 1}.i6z`, submissionNumber: `ABC12345${i}-01`, verdict })),
  } as TestRecordInput;
}
