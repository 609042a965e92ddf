import { describe, expect, it } from 'vitest';
import type { DossierInfo, PreflightContext } from '../../../src-main/dossier';
import { DUPLICATE_OVERRIDABLE, preflight } from '../../../src-main/dossier';

const LE = 'ECHA-8f9e2a4c-1b3d-4e5f-a6b7-c8d9e0f1a2b3';

function pcnInfo(overrides: Partial<DossierInfo> = {}): DossierInfo {
  return {
    fileName: 'cleaner.i6z',
    sizeBytes: 4000,
    sha256: 'a'.repeat(64),
    archiveType: 'DOSSIER_DATA',
    dossierUuid: '3c13e517-2918-448d-9b68-ef804b009dea',
    dossierName: 'Cleaner',
    submissionType: 'CLP_PCN',
    kind: 'PCN',
    application: { name: 'IUCLID 6', version: '8.0.0' },
    formatVersion: '9.0',
    submittingLegalEntity: { uuid: LE, name: 'Demo Chemicals Oy' },
    dossierSubjectType: 'MIXTURE',
    ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }],
    pcnNumber: '005056b7-b57b-4ed9-b1ae-c99fb9dec1e7',
    scipPrimaryArticleId: null,
    subjectName: null,
    tradeNames: [],
    marketCountries: [],
    ...overrides,
  };
}

const ctx = (overrides: Partial<PreflightContext> = {}): PreflightContext => ({
  profileLeUuid: LE,
  activeSameDossier: null,
  modeKind: 'production',
  ...overrides,
});

const codes = (info: DossierInfo, c: PreflightContext = ctx()) => preflight(info, c).map((w) => [w.code, w.severity]);

describe('preflight', () => {
  it('a clean PCN dossier for the active LE has no warnings', () => {
    expect(preflight(pcnInfo(), ctx())).toEqual([]);
  });

  it('matches the LE case-insensitively', () => {
    expect(preflight(pcnInfo(), ctx({ profileLeUuid: LE.toUpperCase() }))).toEqual([]);
  });

  it('blocks a dossier of another LE, naming both and BR570', () => {
    const other = { uuid: 'ECHA-11111111-2222-4333-8444-555555555555', name: 'Other Trading GmbH' };
    const [w, ...rest] = preflight(pcnInfo({ submittingLegalEntity: other }), ctx());
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ code: 'le-mismatch', severity: 'block' });
    expect(w?.message).toContain('Other Trading GmbH');
    expect(w?.message).toContain(other.uuid);
    expect(w?.message).toContain(LE);
    expect(w?.message).toContain('BR570');
  });

  it('warns when the dossier names no LE', () => {
    expect(codes(pcnInfo({ submittingLegalEntity: { uuid: null, name: null } }))).toEqual([['le-unknown', 'warn']]);
  });

  it('blocks a raw-data export, without also nagging about its missing dossier UUID or type', () => {
    const info = pcnInfo({ archiveType: 'RAW_DATA', dossierUuid: null, kind: 'OTHER', submissionType: null });
    expect(codes(info)).toEqual([['raw-data', 'block']]);
    expect(preflight(info, ctx())[0]?.message).toMatch(/raw-data export, not a dossier/);
  });

  it('blocks malformed UFIs and lists exactly those', () => {
    const info = pcnInfo({
      ufis: [
        { value: 'W000-A0PG-U00U-2K6S', valid: true },
        { value: 'W000-A0PG-U00U-2K6T', valid: false },
        { value: 'ABC', valid: false },
      ],
    });
    const [w] = preflight(info, ctx());
    expect(w).toMatchObject({ code: 'malformed-ufi', severity: 'block' });
    expect(w?.message).toContain('W000-A0PG-U00U-2K6T, ABC');
    expect(w?.message).not.toContain('2K6S');
  });

  it('blocks a dossier still pending in this entity and mode as a duplicate (overridable), citing ECHA\u2019s advice', () => {
    const [w] = preflight(pcnInfo(), ctx({ activeSameDossier: { submissionNumber: 'RMH904851-07', submittedAt: '2024-05-02 10:15', status: 'PENDING' } }));
    expect(w).toMatchObject({ code: 'duplicate-pending', severity: 'block' });
    expect(w?.message).toContain('RMH904851-07');
    expect(w?.message).toContain('2024-05-02 10:15');
    expect(w?.message).toMatch(/fails a second one as a duplicate/);
    expect(w?.message).toMatch(/not to resubmit while a submission is pending/);
    expect(DUPLICATE_OVERRIDABLE.has('duplicate-pending')).toBe(true);
  });

  it('blocks a dossier that already PASSED in this entity and mode as a duplicate, and says how to change it', () => {
    const [w] = preflight(pcnInfo(), ctx({ activeSameDossier: { submissionNumber: 'PAS111111-01', submittedAt: '2024-05-01', status: 'VALIDATION_SUCCEEDED' } }));
    expect(w).toMatchObject({ code: 'duplicate-passed', severity: 'block' });
    expect(w?.message).toContain('already passed as PAS111111-01');
    expect(w?.message).toMatch(/update of the dossier in IUCLID/);
    expect(DUPLICATE_OVERRIDABLE.has('duplicate-passed')).toBe(true);
    expect(DUPLICATE_OVERRIDABLE.has('le-mismatch')).toBe(false);
  });

  it('warns when there is no dossier UUID to check duplicates against', () => {
    expect(codes(pcnInfo({ dossierUuid: null }))).toEqual([['no-dossier-uuid', 'warn']]);
  });

  it('blocks a REACH dossier for integration and production ("belongs in REACH-IT"); a connectivity test only warns', () => {
    const reach = pcnInfo({ kind: 'OTHER', submissionType: 'R_COMPLETE', ufis: [] });
    expect(codes(reach)).toEqual([['unsupported-type', 'block']]);
    expect(codes(reach, ctx({ modeKind: 'integration' }))).toEqual([['unsupported-type', 'block']]);
    expect(codes(reach, ctx({ modeKind: 'connectivity' }))).toEqual([['unsupported-type', 'warn']]);
    expect(preflight(reach, ctx())[0]?.message).toMatch(/R_COMPLETE dossier: it belongs in REACH-IT/);
  });

  it('reports every problem at once', () => {
    const info = pcnInfo({
      submittingLegalEntity: { uuid: 'ECHA-11111111-2222-4333-8444-555555555555', name: null },
      ufis: [{ value: 'X', valid: false }],
    });
    expect(codes(info, ctx({ activeSameDossier: { submissionNumber: 'A-1', submittedAt: 't', status: 'PENDING' } }))).toEqual([
      ['le-mismatch', 'block'],
      ['malformed-ufi', 'block'],
      ['duplicate-pending', 'block'],
    ]);
  });

  it('is pure: same input, same output, inputs untouched', () => {
    const info = pcnInfo();
    const frozen = JSON.stringify(info);
    const c = ctx({ activeSameDossier: { submissionNumber: 'A-1', submittedAt: 't', status: 'PENDING' } });
    expect(preflight(info, c)).toEqual(preflight(info, c));
    expect(JSON.stringify(info)).toBe(frozen);
  });
});
