// Watch folders on real parts: a real folder on disk, the real file registry and settings file, real
// timers (shortened periods). Files written slowly appear only once they stop changing, partial and
// hidden links never do, removed files disappear, a missing folder is said and picked up again, and the
// watch resumes after a restart of the app.
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, WatchFolderState } from '../../../src-preload/contract';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, unwrap, type App } from './support/harness';

const FAST = { watchFolders: { pollMs: 50, stableMs: 300 } };
const LE = 'ECHA-aaaaaaaa-1111-4111-8111-111111111111';

let app: App;
let profile: Profile;
let dir: string;
let dossier: Buffer;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const state = async (): Promise<WatchFolderState> => unwrap(await app.composed.services.getWatchFolder({ profileId: profile.id }, ctx));
async function until(check: (s: WatchFolderState) => boolean, ms = 5000): Promise<WatchFolderState> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await state();
    if (check(s)) return s;
    if (Date.now() > end) throw new Error(`watch folder never reached the expected state: ${JSON.stringify(s)}`);
    await sleep(25);
  }
}
const names = (s: WatchFolderState) => s.files.map((f) => f.fileName);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'watch-'));
  dossier = readFileSync(await buildPcnDossier({ legalEntity: { uuid: LE, name: 'Acme Oy' }, fileName: 'paint.i6z' }));
  app = await openApp({ extra: FAST });
  profile = unwrap(await app.composed.services.createProfile({ displayName: 'Acme Oy', leUuid: LE, username: 'acme' }, ctx));
});

afterAll(async () => {
  await disposeApp(app, []);
  rmSync(dir, { recursive: true, force: true });
  cleanupArchives();
});

describe('watch folder', () => {
  it('refuses a relative path', async () => {
    const r = await app.composed.services.updateProfile({ profileId: profile.id, patch: { watchFolder: 'dossiers/acme' } }, ctx);
    expect(r.ok).toBe(false);
  });

  it('shows a file written slowly only once it has stopped changing, inspected like a picked one', async () => {
    unwrap(await app.composed.services.updateProfile({ profileId: profile.id, patch: { watchFolder: dir } }, ctx));
    await until((s) => s.status === 'watching');
    const path = join(dir, 'slow.i6z');
    const half = Math.floor(dossier.length / 2);
    writeFileSync(path, dossier.subarray(0, 1000));
    for (let at = 1000; at < half; at += 2000) {
      appendFileSync(path, dossier.subarray(at, Math.min(half, at + 2000)));
      await sleep(100);
      expect(names(await state())).toEqual([]); // still growing: not there
    }
    expect((await state()).writing).toBe(1);
    appendFileSync(path, dossier.subarray(half));
    const s = await until((x) => x.files.length === 1);
    expect(s.files[0]).toMatchObject({ fileName: 'slow.i6z', size: dossier.length });
    expect(s.writing).toBe(0);
    const inspection = unwrap(await app.composed.services.inspectDossier({ fileRef: s.files[0]!.fileRef, profileId: profile.id }, ctx));
    expect(inspection.warnings.filter((w) => w.severity === 'block')).toEqual([]);
    // Announced once, and nothing was queued or sent.
    expect(app.recorded.notifications.filter((n) => n.body.includes('slow.i6z'))).toHaveLength(1);
    expect(unwrap(await app.composed.services.listOutbox({ profileId: profile.id }, ctx)).items).toEqual([]);
  });

  it('ignores links, folders and other files; a file moved away disappears', async () => {
    symlinkSync(join(dir, 'slow.i6z'), join(dir, 'link.i6z'));
    mkdirSync(join(dir, 'folder.i6z'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, 'empty.i6z'), '');
    await sleep(600);
    expect(names(await state())).toEqual(['slow.i6z']);
    const ref = (await state()).files[0]!.fileRef;
    renameSync(join(dir, 'slow.i6z'), join(tmpdir(), `moved-${Date.now()}.i6z`));
    await until((s) => s.files.length === 0);
    // Its ref is released: the registry no longer knows the file.
    const gone = await app.composed.services.inspectDossier({ fileRef: ref, profileId: profile.id }, ctx);
    expect(gone.ok ? null : gone.error.kind).toBe('file-ref-unknown');
  });

  it('says when the folder is missing, and picks it up again when it is back', async () => {
    writeFileSync(join(dir, 'back.i6z'), dossier);
    await until((s) => names(s).includes('back.i6z'));
    const aside = `${dir}-aside`;
    renameSync(dir, aside);
    const missing = await until((s) => s.status === 'missing');
    expect(missing.message).toContain('cannot be found');
    expect(missing.files).toEqual([]);
    renameSync(aside, dir);
    await until((s) => s.status === 'watching' && names(s).includes('back.i6z'));
  });

  it('resumes after a restart, and stops when the folder is cleared', async () => {
    app = await app.reopen();
    await until((s) => s.status === 'watching' && names(s).includes('back.i6z'));
    unwrap(await app.composed.services.updateProfile({ profileId: profile.id, patch: { watchFolder: '' } }, ctx));
    await until((s) => s.status === 'off');
    expect((unwrap(await app.composed.services.getProfile({ profileId: profile.id }, ctx))).watchFolder).toBeNull();
  });
});
