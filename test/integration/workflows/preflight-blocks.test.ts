// Pre-flight blocks in main (queueDossiers), against the sandbox over HTTP: a REACH dossier is refused
// for production ("belongs in REACH-IT"); a dossier that already passed in this entity and mode is a
// blocking duplicate, queued only when overridden for that file with a stated reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import type { Profile } from '../../../src-preload/contract';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, eventually, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';

const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };
let sandbox: Sandbox;
let app: App;
let profile: Profile;

beforeAll(async () => {
  sandbox = await openSandbox({});
  app = await openApp({});
  profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
});
afterAll(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  await sandbox.close();
  cleanupArchives();
});

async function register(path: string): Promise<string> {
  return unwrap(await app.composed.services.registerFile({ path, fileName: path.split('/').pop()!, origin: 'picked' })).fileRef;
}

describe('pre-flight blocks', () => {
  it('refuses a REACH dossier for production with the reason', async () => {
    const ref = await register(await buildPcnDossier({ legalEntity: le, fileName: 'registration.i6z', submissionType: 'R_COMPLETE', ufis: [] }));
    const r = await app.composed.services.queueDossiers({ target: target(profile), fileRefs: [ref] }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'dossier-rejected' } });
    if (r.ok || r.error.kind !== 'dossier-rejected') throw new Error('unreachable');
    expect(r.error.reasons.join(' ')).toMatch(/registration\.i6z: .*belongs in REACH-IT/);
    const inspection = unwrap(await app.composed.services.inspectDossier({ fileRef: ref, profileId: profile.id }, ctx));
    expect(inspection.warnings).toContainEqual(expect.objectContaining({ code: 'unsupported-type', severity: 'block' }));
  });

  it('blocks a dossier that already passed in this entity and mode, unless overridden for that file with a reason', async () => {
    const s = app.composed.services;
    const uuid = '0d0e0a0d-1111-4222-8333-444455556666';
    const [first] = (await queue(app, profile, [await buildPcnDossier({ legalEntity: le, fileName: 'once.i6z', dossierUuid: uuid })])) as [string];
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: [first], timing: 'now' }, ctx));
    await eventually(async () => unwrap(await s.queryHistory({ filter: { profileId: profile.id, modeKinds: ['production'], statuses: ['VALIDATION_SUCCEEDED'] }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 5 } }, ctx)).total === 1, { step: () => s.syncNow({}, ctx) });

    const ref = await register(await buildPcnDossier({ legalEntity: le, fileName: 'twice.i6z', dossierUuid: uuid }));
    const inspection = unwrap(await s.inspectDossier({ fileRef: ref, profileId: profile.id }, ctx));
    expect(inspection.warnings).toEqual([expect.objectContaining({ code: 'duplicate-passed', severity: 'block' })]);
    const refused = await s.queueDossiers({ target: target(profile), fileRefs: [ref] }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'dossier-rejected' } });
    // A reason too short is refused by the contract; a stated one lifts the block for that file only.
    expect(await s.queueDossiers({ target: target(profile), fileRefs: [ref], duplicateOverrides: [{ fileRef: ref, reason: 'because' }] }, ctx)).toMatchObject({ ok: false });
    const queued = unwrap(
      await s.queueDossiers({ target: target(profile), fileRefs: [ref], duplicateOverrides: [{ fileRef: ref, reason: 'ECHA support asked for a resubmission' }] }, ctx),
    );
    expect(queued).toHaveLength(1);
  });
});
