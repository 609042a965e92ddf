import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDossier } from '../../../src-main/dossier';
import {
  DEMO_LEGAL_ENTITY,
  MALFORMED_UFI,
  VALID_UFIS,
  buildClpDossier,
  buildPcnDossier,
  buildRawDataExport,
  buildScipDossier,
  cleanupArchives,
  seededUuids,
} from '../../fixtures/archives';
import { rawZip } from '../../fixtures/raw-zip';
import { unzipSync } from '../../fixtures/unzip';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-built-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  cleanupArchives();
});

const OTHER_LE = { uuid: 'ECHA-11111111-2222-4333-8444-555555555555', name: 'Other Trading GmbH' };

describe('inspectDossier on built PCN dossiers', () => {
  it('extracts everything a PCN submission needs', async () => {
    const path = await buildPcnDossier({
      dir,
      dossierUuid: '3c13e517-2918-448d-9b68-ef804b009dea',
      dossierName: 'Cleaner PCN 2024',
      pcnNumber: '005056b7-b57b-4ed9-b1ae-c99fb9dec1e7',
      legalEntity: OTHER_LE,
    });
    const info = await inspectDossier(path);
    expect(info).toMatchObject({
      fileName: 'pcn-3c13e517-2918-448d-9b68-ef804b009dea.i6z',
      archiveType: 'DOSSIER_DATA',
      dossierUuid: '3c13e517-2918-448d-9b68-ef804b009dea',
      dossierName: 'Cleaner PCN 2024',
      submissionType: 'CLP_PCN',
      kind: 'PCN',
      application: { name: 'IUCLID 6', version: '8.0.0' },
      formatVersion: '9.0',
      submittingLegalEntity: OTHER_LE,
      dossierSubjectType: 'MIXTURE',
      pcnNumber: '005056b7-b57b-4ed9-b1ae-c99fb9dec1e7',
      scipPrimaryArticleId: null,
    });
    expect(info.ufis).toEqual(VALID_UFIS.map((value) => ({ value, valid: true })));
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.sizeBytes).toBe(readFileSync(path).length);
  });

  it('flags malformed UFIs and keeps them, de-duplicating repeats', async () => {
    const path = await buildPcnDossier({ dir, ufis: [VALID_UFIS[0], 'W000A0PGU00U2K6S'], malformedUfis: [MALFORMED_UFI, 'ABC'] });
    const info = await inspectDossier(path);
    expect(info.ufis).toEqual([
      { value: VALID_UFIS[0], valid: true },
      { value: MALFORMED_UFI, valid: false },
      { value: 'ABC', valid: false },
    ]);
  });

  it('reports no LE, no PCN number when the dossier has none', async () => {
    const info = await inspectDossier(await buildPcnDossier({ dir, legalEntity: null, pcnNumber: null }));
    expect(info.submittingLegalEntity).toEqual({ uuid: null, name: null });
    expect(info.pcnNumber).toBeNull();
    expect(info.kind).toBe('PCN');
  });

  it('gives a bare-UUID legal entity key the ECHA- prefix and reads both container versions', async () => {
    const bare = { uuid: '8f9e2a4c-1b3d-4e5f-a6b7-c8d9e0f1a2b3', name: 'Bare Key Oy' };
    for (const containerVersion of ['v1', 'v2'] as const) {
      const info = await inspectDossier(await buildPcnDossier({ dir, legalEntity: bare, containerVersion }));
      expect(info.submittingLegalEntity).toEqual({ uuid: `ECHA-${bare.uuid}`, name: 'Bare Key Oy' });
    }
  });

  it('reads an archive written with stored (uncompressed) entries too', async () => {
    const source = await buildPcnDossier({ dir, fileName: 'deflated.i6z', uuidSource: seededUuids('stored') });
    const yauzlRead = await inspectDossier(source);
    // Re-pack the same files, stored instead of deflated, with the raw writer.
    const stored = join(dir, 'stored.i6z');
    writeFileSync(stored, rawZip(unzipSync(source).map((f) => ({ ...f, method: 0 as const }))));
    const info = await inspectDossier(stored);
    expect({ ...info, fileName: '', sha256: '', sizeBytes: 0 }).toEqual({ ...yauzlRead, fileName: '', sha256: '', sizeBytes: 0 });
  });
});

describe('inspectDossier on built SCIP, C&L and raw-data archives', () => {
  it('SCIP: the primary article identifier of the dossier subject, not of a component', async () => {
    const info = await inspectDossier(
      await buildScipDossier({
        dir,
        primaryArticleId: { type: 'GTIN', value: '6411234567893' },
        componentArticles: [{ name: 'Chair leg', type: 'catalogue number', value: 'LEG-42' }],
      }),
    );
    expect(info).toMatchObject({
      kind: 'SCIP',
      submissionType: 'SCIP',
      dossierSubjectType: 'ARTICLE',
      submittingLegalEntity: DEMO_LEGAL_ENTITY,
      scipPrimaryArticleId: { type: 'GTIN', value: '6411234567893' },
      ufis: [],
      pcnNumber: null,
    });
  });

  it('C&L notification', async () => {
    const info = await inspectDossier(await buildClpDossier({ dir }));
    expect(info).toMatchObject({ kind: 'CLP', submissionType: 'CLP_NOTIFICATION', dossierSubjectType: 'SUBSTANCE' });
  });

  it('raw-data export: RAW_DATA, no dossier UUID, the exported entity as subject', async () => {
    const info = await inspectDossier(await buildRawDataExport({ dir }));
    expect(info).toMatchObject({
      archiveType: 'RAW_DATA',
      dossierUuid: null,
      kind: 'OTHER',
      dossierSubjectType: 'MIXTURE',
    });
  });
});
