import { describe, expect, it } from 'vitest';
import { kindOfSubmissionType } from '../../../src-main/dossier/kind';
import { documentUuid, readManifest, splitApplication } from '../../../src-main/dossier/manifest';
import { parseXml } from '../../../src-main/dossier/xml';

describe('kindOfSubmissionType', () => {
  it.each([
    ['CLP_PCN', 'PCN'],
    ['PCN', 'PCN'],
    ['SCIP', 'SCIP'],
    ['SCIP_NOTIFICATION', 'SCIP'],
    ['CLP_NOTIFICATION', 'CLP'],
    ['CL_NOTIFICATION', 'CLP'],
    ['R_COMPLETE', 'OTHER'],
    ['R_INQUIRY', 'OTHER'],
    ['SCIPIO', 'OTHER'],
    [null, 'OTHER'],
  ] as const)('%s -> %s', (type, kind) => {
    expect(kindOfSubmissionType(type)).toBe(kind);
  });
});

describe('splitApplication', () => {
  it('splits the forms IUCLID writes', () => {
    expect(splitApplication('IUCLID6 (5.4.0, build of 29/11/2020 09:58)')).toEqual({ name: 'IUCLID6', version: '5.4.0' });
    expect(splitApplication('IUCLID 6 (8.0.0)')).toEqual({ name: 'IUCLID 6', version: '8.0.0' });
    expect(splitApplication('Some exporter')).toEqual({ name: 'Some exporter', version: null });
    expect(splitApplication(null)).toEqual({ name: null, version: null });
  });
});

describe('readManifest', () => {
  it('accepts the manifest namespace under any prefix and reads documents', () => {
    const xml =
      '<m:manifest xmlns:m="http://iuclid6.echa.europa.eu/namespaces/manifest/v1" xmlns:x="http://www.w3.org/1999/xlink">' +
      '<m:general-information><m:archive-type>DOSSIER_DATA</m:archive-type></m:general-information>' +
      '<m:base-document-uuid>a/b</m:base-document-uuid><m:contained-documents>' +
      '<m:document id="a/b"><m:type>DOSSIER</m:type><m:name x:href="a_b.i6d">n</m:name></m:document>' +
      '</m:contained-documents></m:manifest>';
    const manifest = readManifest(parseXml(Buffer.from(xml), 'manifest.xml'));
    expect(manifest.archiveType).toBe('DOSSIER_DATA');
    expect(manifest.documents).toEqual([
      { id: 'a/b', type: 'DOSSIER', subtype: null, name: 'n', href: 'a_b.i6d', subjectType: null, legalEntityName: null },
    ]);
  });

  it('refuses a "manifest" root in another namespace, or another root', () => {
    expect(() => readManifest(parseXml(Buffer.from('<manifest/>'), 'manifest.xml'))).toThrow(/not a IUCLID 6 manifest/);
    expect(() =>
      readManifest(parseXml(Buffer.from('<other xmlns="http://iuclid6.echa.europa.eu/namespaces/manifest/v1"/>'), 'm')),
    ).toThrow(/not a IUCLID 6 manifest/);
  });

  it('documentUuid takes the part before "/"', () => {
    expect(documentUuid('ECHA-x/y')).toBe('ECHA-x');
    expect(documentUuid('')).toBeNull();
    expect(documentUuid(null)).toBeNull();
  });
});
