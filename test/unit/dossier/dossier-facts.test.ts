import { afterAll, describe, expect, it } from 'vitest';
import { inspectDossier } from '../../../src-main/dossier';
import { FACT_BOUNDS, cleanText } from '../../../src-main/dossier/facts';
import { buildClpDossier, buildPcnDossier, buildRawDataExport, buildScipDossier, cleanupArchives } from '../../fixtures/archives';

afterAll(() => cleanupArchives());

describe('dossier facts: what the dossier is about', () => {
  it('PCN: the mixture name, its trade names (typed or untyped, not other name types) and the market countries', async () => {
    const info = await inspectDossier(
      await buildPcnDossier({
        mixtureName: 'Fresh Lemon Cleaner',
        otherNames: [
          { type: 'trade name', name: 'LemonFresh Pro' },
          { type: '9168', name: 'Citrus Clean 5L' },
          { name: 'Untyped Brand' },
          { type: 'synonym', name: 'lemon degreaser' },
          { type: 'trade name', name: 'LEMONFRESH PRO' },
          { type: 'trade name', name: 'Fresh Lemon Cleaner' },
        ],
        marketCountries: ['fi', 'SE', 'DE', 'SE'],
      }),
    );
    expect(info.subjectName).toBe('Fresh Lemon Cleaner');
    expect(info.tradeNames).toEqual(['LemonFresh Pro', 'Citrus Clean 5L', 'Untyped Brand']);
    expect(info.marketCountries).toEqual(['FI', 'SE', 'DE']);
  });

  it('SCIP, C&L and raw data: the article, substance or exported mixture name; no market countries outside PCN', async () => {
    const scip = await inspectDossier(await buildScipDossier({ articleName: 'Ergo chair X2', componentArticles: [{ name: 'Armrest', type: 'catalogue number', value: 'AR-1' }] }));
    expect(scip).toMatchObject({ subjectName: 'Ergo chair X2', tradeNames: [], marketCountries: [] });
    const clp = await inspectDossier(await buildClpDossier({ substanceName: 'Sodium hypochlorite' }));
    expect(clp).toMatchObject({ subjectName: 'Sodium hypochlorite', tradeNames: [], marketCountries: [] });
    const raw = await inspectDossier(await buildRawDataExport({ mixtureName: 'Raw paint base' }));
    expect(raw).toMatchObject({ subjectName: 'Raw paint base', marketCountries: [] });
  });

  it('a hostile file: control and bidi characters dropped, names and lists bounded', async () => {
    const longName = 'A'.repeat(5000);
    const info = await inspectDossier(
      await buildPcnDossier({
        mixtureName: `Safe\u202Etxt.exe\u200B\t\n  cleaner\u0085`,
        otherNames: [
          { type: 'trade name', name: longName },
          ...Array.from({ length: 5000 }, (_, i) => ({ type: 'trade name', name: `Brand ${i}` })),
        ],
        marketCountries: Array.from({ length: 500 }, (_, i) => `C${i}`),
      }),
    );
    expect(info.subjectName).toBe('Safetxt.exe cleaner');
    expect(info.tradeNames).toHaveLength(FACT_BOUNDS.tradeNames);
    expect([...info.tradeNames[0]!]).toHaveLength(FACT_BOUNDS.tradeNameChars);
    expect(info.tradeNames[0]!.endsWith('…')).toBe(true);
    expect(info.tradeNames[1]).toBe('Brand 0');
    expect(info.marketCountries).toHaveLength(FACT_BOUNDS.countries);
    for (const s of [info.subjectName!, ...info.tradeNames, ...info.marketCountries]) {
      expect(s).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
  });

  it('cleanText: one line, NFC, bounded by characters (not UTF-16 units), null when empty', () => {
    expect(cleanText('  a\u0000b\r\nc  ', 10)).toBe('a b c');
    expect(cleanText('e\u0301', 10)).toBe('é');
    expect(cleanText('\u200B\u2066 \u2069', 10)).toBeNull();
    expect(cleanText('😀😀😀😀', 3)).toBe('😀😀…');
    expect(cleanText(null, 3)).toBeNull();
  });
});
