/**
 * Writes the sample dossiers bundled with the app into assets/sample-dossiers/:
 *   sample-pcn.i6z              a valid PCN dossier of the demo legal entity (the connectivity test sends it)
 *   sample-pcn-invalid-ufi.i6z  the same kind of dossier with a UFI failing its checksum
 *   sample-scip.i6z             a SCIP dossier of the demo legal entity
 * The output is reproducible (seeded UUIDs, fixed timestamps): re-running it changes no byte.
 *
 *   npx tsx scripts/make-sample-dossiers.ts
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectDossier } from '../src-main/dossier';
import {
  DEMO_LEGAL_ENTITY,
  MALFORMED_UFI,
  VALID_UFIS,
  buildPcnDossier,
  buildScipDossier,
  seededUuids,
} from '../test/fixtures/archives';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'sample-dossiers');
mkdirSync(outDir, { recursive: true });

const written = [
  await buildPcnDossier({
    dir: outDir,
    fileName: 'sample-pcn.i6z',
    dossierUuid: '7d1f3a52-6c0e-4b8a-9f21-5e4d3c2b1a00',
    dossierName: 'Demo all-purpose cleaner (sample PCN)',
    pcnNumber: 'c0ffee00-5a3b-4e1d-8c2f-0a1b2c3d4e5f',
    legalEntity: DEMO_LEGAL_ENTITY,
    ufis: VALID_UFIS,
    uuidSource: seededUuids('sample-pcn'),
  }),
  await buildPcnDossier({
    dir: outDir,
    fileName: 'sample-pcn-invalid-ufi.i6z',
    dossierUuid: '7d1f3a52-6c0e-4b8a-9f21-5e4d3c2b1a01',
    dossierName: 'Demo all-purpose cleaner (sample PCN, invalid UFI)',
    pcnNumber: 'c0ffee00-5a3b-4e1d-8c2f-0a1b2c3d4e60',
    legalEntity: DEMO_LEGAL_ENTITY,
    ufis: [VALID_UFIS[0]],
    malformedUfis: [MALFORMED_UFI],
    uuidSource: seededUuids('sample-pcn-invalid-ufi'),
  }),
  await buildScipDossier({
    dir: outDir,
    fileName: 'sample-scip.i6z',
    dossierUuid: '7d1f3a52-6c0e-4b8a-9f21-5e4d3c2b1a02',
    dossierName: 'Demo office chair (sample SCIP)',
    articleName: 'Demo office chair',
    primaryArticleId: { type: 'catalogue number', value: 'DEMO-CHAIR-0001' },
    legalEntity: DEMO_LEGAL_ENTITY,
    uuidSource: seededUuids('sample-scip'),
  }),
];

// Check each with the app's own inspector, so a broken sample never gets committed.
for (const path of written) {
  const info = await inspectDossier(path);
  const ufis = info.ufis.map((u) => `${u.value}${u.valid ? '' : ' (malformed)'}`).join(', ') || '-';
  console.log(`${info.fileName}  ${info.sizeBytes} B  ${info.kind}  dossier ${info.dossierUuid}  LE ${info.submittingLegalEntity.uuid}  UFIs ${ufis}  sha256 ${info.sha256}`);
}
