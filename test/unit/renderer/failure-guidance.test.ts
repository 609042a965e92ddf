import { describe, expect, it } from 'vitest';
import { ECHA_RULES_URL, entityName, guidanceFor } from '../../../src-renderer/lib/failure-guidance';

const MINE = 'ECHA-11111111-2222-3333-4444-555555555555';
const DEMO = 'ECHA-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const entities = [{ leUuid: MINE, displayName: 'Müller Lacke GmbH' }];

describe('guidanceFor', () => {
  it('names both entities of a legal-entity mismatch, from the profiles where known', () => {
    // The sandbox's BR570 context: dossier's entity first, then the submitting one.
    const ctx = `The dossier's submitting legal entity ${DEMO.slice(5)} is not the legal entity making the submission (${MINE})`;
    const g = guidanceFor('BR570', ctx, entities);
    expect(g.words).toContain(`Müller Lacke GmbH (${MINE})`);
    expect(g.words).toContain(`the legal entity ${DEMO.slice(5)} (no profile in this app)`);
    expect(g.words.indexOf('no profile')).toBeLessThan(g.words.indexOf('Müller'));
  });

  it('still explains BR570 when ECHA sends no context', () => {
    expect(guidanceFor('BR570', '', entities).words).toMatch(/not the legal entity that made the submission/);
  });

  it('links a duplicate to the original submission by its number', () => {
    const g = guidanceFor('DUPLICATE', 'Dossier 0bda1005-201c-4a43-b776-3c748f5fd1cf is a duplicate of submission AAD678032-54, which is pending or accepted', []);
    expect(g.link).toEqual({ kind: 'submission', submissionNumber: 'AAD678032-54', label: 'Open the original submission AAD678032-54' });
    expect(g.words).toMatch(/stands/);
  });

  it('has no submission link when the duplicate names no number', () => {
    expect(guidanceFor('DUPLICATE', 'duplicate', []).link).toBeNull();
  });

  it('says a dossier type that belongs in REACH-IT does', () => {
    const g = guidanceFor('SUBMISSION_TYPE', 'Submission type REACH_REGISTRATION cannot be submitted through S2S', []);
    expect(g.words).toMatch(/REACH-IT/);
    expect(g.link).toMatchObject({ kind: 'external', url: expect.stringContaining('reach-it.echa.europa.eu') });
  });

  it('tells raw data exports from other archive-type failures', () => {
    expect(guidanceFor('ARCHIVE_TYPE', 'The archive is a IUCLID raw data export, not a dossier', []).words).toMatch(/raw data/);
    expect(guidanceFor('ARCHIVE_TYPE', 'no DOSSIER_DATA', []).words).toMatch(/DOSSIER_DATA/);
  });

  it('has specific words for every code the sandbox emits', () => {
    for (const code of ['IUCLID_FORMAT', 'ARCHIVE_TYPE', 'SUBMISSION_TYPE', 'BR570', 'UFI_FORMAT', 'PCN_NUMBER_MISSING', 'DUPLICATE', 'CLP_HEADERS']) {
      expect(guidanceFor(code, '', []).words, code).not.toMatch(/^ECHA's rule/);
    }
  });

  it('gives unknown codes the generic text and a link to ECHA’s validation rules', () => {
    const g = guidanceFor('BR553', 'iuclid6:/x#SpecificSubmissions.PCNNumber', []);
    expect(g.words).toMatch(/BR553/);
    expect(g.link).toEqual({ kind: 'external', url: ECHA_RULES_URL, label: "ECHA's validation rules" });
  });

  it('matches entities without regard to the ECHA- prefix or case', () => {
    expect(entityName(MINE.slice(5).toUpperCase(), entities)).toMatch(/^Müller Lacke GmbH/);
  });
});
