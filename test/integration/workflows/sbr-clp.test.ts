// Submit by reference (v2+) and C&L notifications (v3) as first-class submissions.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, DEMO_SCIP_NUMBERS, type Sandbox } from '../../../src-main/sandbox';
import { buildClpDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, eventually, openApp, openSandbox, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';

let sandbox: Sandbox;
let app: App;
const clp = { miGroupId: '0f8fad5b-d9cb-469f-a165-70867728950e', contactId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };

beforeAll(async () => {
  sandbox = await openSandbox();
});
afterAll(async () => {
  await sandbox.close();
  cleanupArchives();
});
afterEach(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
});

describe('submit by reference', () => {
  it('v3: one submission per SCIP number, followed like any other', async () => {
    app = await openApp({});
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    const s = app.composed.services;
    const numbers = DEMO_SCIP_NUMBERS.slice(0, 2);
    const start = unwrap(await s.submitByReference({ target: target(profile), scipNumbers: [...numbers], timing: 'now' }, ctx));
    expect(start.state).toBe('sending');
    await app.composed.internals.idle();
    const page = unwrap(await s.queryHistory({ filter: { kinds: ['sbr'] }, sort: { column: 'submittedAt', direction: 'asc' }, page: { kind: 'offset', offset: 0, limit: 10 } }, ctx));
    const sbr = page.rows.filter((r) => r.kind === 'sbr');
    expect(sbr.map((r) => r.referencedPssi).sort()).toEqual([...numbers].sort());
    const posted = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/submission/v3/sbr');
    expect(posted).toHaveLength(1);
    await eventually(async () => unwrap(await s.historyCounts({ filter: { kinds: ['sbr'] } }, ctx)).byStatus.PENDING === 0, { step: () => s.syncNow({}, ctx) });
  });

  it('refuses v1 profiles before sending anything', async () => {
    app = await openApp({});
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox, DEMO_LEGAL_ENTITY, { apiVersion: 'v1' }));
    const r = await app.composed.services.submitByReference({ target: target(profile), scipNumbers: [DEMO_SCIP_NUMBERS[0]!], timing: 'now' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'api-version' } });
  });
});

describe('C&L notification', () => {
  it('v3: sent with the MI group and contact headers and recorded as a C&L submission', async () => {
    app = await openApp({});
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    const s = app.composed.services;
    const path = await buildClpDossier({ legalEntity: { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name }, fileName: 'clp.i6z' });
    const ref = unwrap(await s.registerFile({ path, fileName: 'clp.i6z', origin: 'picked' })).fileRef;
    unwrap(await s.submitClp({ target: target(profile), fileRef: ref, clp, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const upload = sandbox.requests.filter((r) => r.upload?.fileName === 'clp.i6z').at(-1)!;
    expect(upload.headers['x-echa-migroup-id']).toBe(clp.miGroupId);
    expect(upload.headers['x-echa-contactid']).toBe(clp.contactId);
    await eventually(async () => unwrap(await s.historyCounts({ filter: { kinds: ['clp'] } }, ctx)).byStatus.VALIDATION_SUCCEEDED === 1, {
      step: () => s.syncNow({}, ctx),
    });
  });

  it('refuses v2 profiles', async () => {
    app = await openApp({});
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox, DEMO_LEGAL_ENTITY, { apiVersion: 'v2' }));
    const path = await buildClpDossier({ legalEntity: { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name } });
    const ref = unwrap(await app.composed.services.registerFile({ path, fileName: 'clp.i6z', origin: 'picked' })).fileRef;
    const r = await app.composed.services.submitClp({ target: target(profile), fileRef: ref, clp, timing: 'now' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'api-version' } });
  });
});
