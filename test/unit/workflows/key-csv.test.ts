import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore, type SettingsStore } from '../../../src-main/settings';
import { MemorySecretStore } from '../../../src-main/vault';
import type { WorkflowContext } from '../../../src-main/workflows/context';
import type { EventSync } from '../../../src-main/workflows/event-sync';
import { keyCsvPreview, parseKeyCsv, readCsvRecords, sharesKeyFragment } from '../../../src-main/workflows/key-csv';
import type { Scenarios } from '../../../src-main/workflows/scenarios';
import { profileServices } from '../../../src-main/workflows/services/profiles';
import type { Result } from '../../../src-preload/contract';

const KEY = 'c2FuZGJveC1kZW1vLWtleS1ub3Qtc2VjcmV0LWZvci10ZXN0aW5nLW9ubHk';
const LE = 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e';

describe('readCsvRecords', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, guessing the delimiter', () => {
    expect(readCsvRecords('\uFEFFa,"b,c","d ""e"""\r\n1,2,3\r\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(readCsvRecords('x;y\n1;2')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });
});

describe('parseKeyCsv', () => {
  it('reads columns by their header names', () => {
    const csv = `Legal entity name,Legal entity UUID,Username,API key\r\n"Demo Chemicals Oy",${LE},demo-s2s-user,${KEY}\r\n`;
    expect(parseKeyCsv(csv)).toEqual({ key: KEY, leUuid: LE, legalEntityName: 'Demo Chemicals Oy', username: 'demo-s2s-user' });
  });

  it('falls back on the shapes of the cells when there is no header', () => {
    expect(parseKeyCsv(`${LE};${KEY}`)).toMatchObject({ key: KEY, leUuid: LE });
    expect(parseKeyCsv(KEY)).toMatchObject({ key: KEY, leUuid: null });
  });

  it('finds no key in a file without one', () => {
    expect(parseKeyCsv('name,uuid\nAcme,not-a-uuid').key).toBeNull();
  });

  it('shows nothing of the key in a preview, not even its last characters', () => {
    const parsed = parseKeyCsv(`Legal entity name,Legal entity UUID,Username,API key\r\nDemo Chemicals Oy,${LE},demo-s2s-user,${KEY}\r\n`);
    const preview = keyCsvPreview({ ...parsed, key: KEY });
    expect(preview).toEqual({ leUuid: LE, legalEntityName: 'Demo Chemicals Oy', username: 'demo-s2s-user' });
    expectNoKeyFragment(preview, KEY);
  });

  it('drops a field that holds the key when unusual headers make one column read as both', () => {
    // "User key" names no key column the reader knows, so the key is found by its shape, and the
    // username column ("user") points at the same cell.
    const parsed = parseKeyCsv(`Legal entity UUID,User key\r\n${LE},${KEY}\r\n`);
    expect(parsed).toMatchObject({ key: KEY, username: KEY });
    const preview = keyCsvPreview({ ...parsed, key: KEY });
    expect(preview).toEqual({ leUuid: LE, legalEntityName: null, username: null });
    expectNoKeyFragment(preview, KEY);
  });

  it('finds any 4-character run of the key in a text', () => {
    expect(sharesKeyFragment(`x${KEY.slice(20, 24)}y`, KEY)).toBe(true);
    expect(sharesKeyFragment(KEY.slice(20, 23), KEY)).toBe(false);
    expect(sharesKeyFragment('demo-s2s-user', KEY)).toBe(false);
  });
});

/** No substring of the key of length 4 or more (every such substring contains a 4-character one). */
function expectNoKeyFragment(value: unknown, key: string): void {
  const text = JSON.stringify(value);
  for (let i = 0; i + 4 <= key.length; i++) expect(text, `key characters ${i}-${i + 3}`).not.toContain(key.slice(i, i + 4));
}

describe('previewKeyCsv / importKeyCsv (what goes back to the renderer)', () => {
  const API_KEY = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';
  const csv = `Legal entity UUID,Legal entity name,Username,API key\r\n${LE},Demo Chemicals Oy,demo-s2s-user,${API_KEY}\r\n`;
  let dir: string;
  let settings: SettingsStore;
  let vault: MemorySecretStore;
  let services: ReturnType<typeof profileServices>;
  const call = { host: 'web' as const };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'key-csv-'));
    vault = new MemorySecretStore('test-only');
    settings = openSettingsStore({ cwd: dir });
    // The parts of the context the profile services use; the rest would be a bug to touch.
    const ctx = {
      settings,
      vault,
      clients: { invalidate: () => undefined },
      state: { bumpGeneration: () => undefined, forgetProfile: () => undefined },
      events: { emit: () => undefined },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    } as unknown as WorkflowContext;
    services = profileServices(ctx, { allRuns: () => [] } as unknown as Scenarios, { reschedule: () => undefined } as unknown as EventSync);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function value<T>(r: Result<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
    return r.value;
  }

  it('previews the username and legal entity, and no substring of the key of 4 characters or more', async () => {
    const preview = value(await services.previewKeyCsv({ csvText: csv }, call));
    expect(preview).toEqual({ leUuid: LE, legalEntityName: 'Demo Chemicals Oy', username: 'demo-s2s-user' });
    expectNoKeyFragment(preview, API_KEY);
  });

  it('stores the key on import and returns the same key-free preview', async () => {
    const p = settings.createProfile({ displayName: 'Demo Chemicals Oy', leUuid: LE, username: 'demo-s2s-user' });
    const r = value(await services.importKeyCsv({ profileId: p.id, csvText: csv }, call));
    expect(r).toEqual({ hasKey: true, preview: { leUuid: LE, legalEntityName: 'Demo Chemicals Oy', username: 'demo-s2s-user' } });
    expectNoKeyFragment(r, API_KEY);
    expect(await vault.getKeyForSigning(LE, 'demo-s2s-user')).toBe(API_KEY);
  });
});
