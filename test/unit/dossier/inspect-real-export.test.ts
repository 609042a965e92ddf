import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DossierError, inspectDossier } from '../../../src-main/dossier';
import { REAL_IUCLID_EXPORT } from '../../fixtures/shared-paths';

// The real IUCLID 6 REACH dossier export (ideaconsult/i5 test resources, LGPL-3.0). Expected values
// were read from its manifest.xml and base document with unzip, not from our own code.
const REAL = REAL_IUCLID_EXPORT;

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DossierError) return err.code;
    throw err;
  }
  return undefined;
}

describe('inspectDossier on the real IUCLID export', () => {
  it('reports the dossier as IUCLID wrote it', async () => {
    const { subjectName, tradeNames, marketCountries, ...info } = await inspectDossier(REAL);
    // The DOSSIER_SUBJECT (bbb36b12…, a SUBSTANCE): its <ChemicalName> and the 45 <OtherNames>
    // entries typed 9168, 44 once "IRON ORE PELLETS" / "Iron ore pellets" count as one; read with unzip.
    expect(subjectName).toBe(
      'Iron ores, agglomerates [The product of agglomerating iron ore fines, concentrates, iron sinter, and other iron-bearing materials. Includes pellets, nodules and briquettes.]',
    );
    expect(tradeNames).toHaveLength(44);
    expect(tradeNames.slice(0, 4)).toEqual(['AK/IOC 65,05%', 'Blast furnace pellets AF', 'CHIPS 65,1%', 'Carajas Pellets']);
    expect(tradeNames.at(-1)).toBe('Vargem Grande Pellets');
    expect(tradeNames.filter((n) => n.toLowerCase() === 'iron ore pellets')).toEqual(['IRON ORE PELLETS']);
    // Trailing spaces and the double spaces inside this one are IUCLID's; one line, single spaces here.
    expect(tradeNames).toContain(
      'Standard Acid Pellet (SAP); High Silica Fluxed Pellet (HSF); Low Silica Acid Pellet (LSA); Direct Reduction Pellet (DR); Pellet Chips (Chips);',
    );
    // A REACH dossier has no PCN market placement.
    expect(marketCountries).toEqual([]);
    expect(info).toEqual({
      fileName: 'reach-dossier-ideaconsult-56e49ed8.i6z',
      sizeBytes: statSync(REAL).size,
      sha256: createHash('sha256').update(readFileSync(REAL)).digest('hex'),
      archiveType: 'DOSSIER_DATA',
      dossierUuid: '56e49ed8-0bec-49a2-8050-f8e87844b2e8',
      dossierName: 'aggr_1',
      submissionType: 'R_COMPLETE',
      kind: 'OTHER',
      application: { name: 'IUCLID6', version: '5.4.0' },
      formatVersion: '6.0',
      // Its PlatformMetadata has an empty <i6m:submittingLegalEntity/> and no LEGAL_ENTITY document.
      submittingLegalEntity: { uuid: null, name: null },
      dossierSubjectType: 'SUBSTANCE',
      ufis: [],
      pcnNumber: null,
      scipPrimaryArticleId: null,
    });
  });

  it('enforces each bound on it when the bound is set low', async () => {
    // 600 entries, about 5.4 MB declared in total, a 473 kB manifest.xml.
    expect(await codeOf(inspectDossier(REAL, { maxEntries: 599 }))).toBe('too-many-entries');
    expect(await codeOf(inspectDossier(REAL, { maxEntries: 600 }))).toBeUndefined();
    expect(await codeOf(inspectDossier(REAL, { maxTotalUncompressedBytes: 5_000_000 }))).toBe('too-large');
    expect(await codeOf(inspectDossier(REAL, { maxXmlEntryBytes: 400_000 }))).toBe('too-large');
  });
});
