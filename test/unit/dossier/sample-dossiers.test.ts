import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectDossier, preflight } from '../../../src-main/dossier';
import { DEMO_LEGAL_ENTITY } from '../../../src-main/sandbox/demo';

// The files committed in assets/sample-dossiers/ (written by scripts/make-sample-dossiers.ts).
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'sample-dossiers');
// If the sandbox's demo LE changes, these fail until the samples are regenerated.
const DEMO_LE = DEMO_LEGAL_ENTITY.leUuid;
const ctx = { profileLeUuid: DEMO_LE, activeSameDossier: null, modeKind: 'production' as const };

describe('bundled sample dossiers', () => {
  it('sample-pcn.i6z is a clean PCN dossier of the demo LE', async () => {
    const info = await inspectDossier(join(dir, 'sample-pcn.i6z'));
    expect(info).toMatchObject({
      kind: 'PCN',
      submissionType: 'CLP_PCN',
      archiveType: 'DOSSIER_DATA',
      dossierUuid: '7d1f3a52-6c0e-4b8a-9f21-5e4d3c2b1a00',
      submittingLegalEntity: { uuid: DEMO_LE, name: DEMO_LEGAL_ENTITY.name },
      pcnNumber: 'c0ffee00-5a3b-4e1d-8c2f-0a1b2c3d4e5f',
    });
    expect(info.ufis.length).toBeGreaterThan(0);
    expect(info.ufis.every((u) => u.valid)).toBe(true);
    expect(preflight(info, ctx)).toEqual([]);
  });

  it('sample-pcn-invalid-ufi.i6z is blocked for its malformed UFI only', async () => {
    const info = await inspectDossier(join(dir, 'sample-pcn-invalid-ufi.i6z'));
    expect(info.ufis).toContainEqual({ value: 'W000-A0PG-U00U-2K6T', valid: false });
    expect(preflight(info, ctx).map((w) => w.code)).toEqual(['malformed-ufi']);
  });

  it('sample-scip.i6z is a clean SCIP dossier of the demo LE', async () => {
    const info = await inspectDossier(join(dir, 'sample-scip.i6z'));
    expect(info).toMatchObject({
      kind: 'SCIP',
      dossierSubjectType: 'ARTICLE',
      scipPrimaryArticleId: { type: 'catalogue number', value: 'DEMO-CHAIR-0001' },
    });
    expect(preflight(info, ctx)).toEqual([]);
  });
});
