import { DossierError } from './types';

// Every refusal a consultant can see, worded for them: what is wrong with the file and, where
// there is one, what to do about it. Technical detail (offsets, library messages) stays out.

export const refuse = {
  empty: () => new DossierError('empty', 'This file is empty (0 bytes): export the dossier from IUCLID again.'),
  notZip: () =>
    new DossierError('not-zip', 'This file is not a IUCLID export (.i6z): it is not a zip archive at all.'),
  truncated: () =>
    new DossierError(
      'truncated',
      'This .i6z file is damaged or incomplete (perhaps the download or copy was cut short): export it from IUCLID again.',
    ),
  tooManyEntries: (count: number, max: number) =>
    new DossierError(
      'too-many-entries',
      `This archive lists ${count} files, more than the ${max} a IUCLID dossier can reasonably hold; it was not opened.`,
    ),
  tooLarge: (what: string, maxBytes: number) =>
    new DossierError(
      'too-large',
      `This archive is too large to check safely: ${what} exceeds ${formatBytes(maxBytes)}.`,
    ),
  zipBomb: () =>
    new DossierError(
      'zip-bomb',
      'This archive expands to far more data than its size allows (a "zip bomb" or a forged file); it was not opened.',
    ),
  unsafePath: (reason: string) =>
    new DossierError(
      'unsafe-path',
      `This archive contains an unsafe file name (${reason}) that could make an unpacking program write outside ` +
        'its folder; it was refused for safety.',
    ),
  duplicateName: () =>
    new DossierError(
      'unsafe-path',
      'This archive contains two files with the same name, so it is ambiguous which one would be read; it was refused.',
    ),
  symlink: (entry: string) =>
    new DossierError(
      'unsafe-path',
      `This archive contains a symbolic link (${entry}), which IUCLID never writes and an unpacking program could ` +
        'follow outside its folder; it was refused for safety.',
    ),
  nameMismatch: () =>
    new DossierError(
      'unsafe-path',
      "This archive gives a file one name in its directory and another in the file's own header, so unpacking " +
        'programs would disagree on where it goes; it was refused for safety.',
    ),
  overlapping: () =>
    new DossierError(
      'zip-bomb',
      'This archive has files that share or overlap the same stored data (a trick of zip bombs and forged files); ' +
        'it was not opened.',
    ),
  dataBeforeZip: () =>
    new DossierError(
      'not-zip',
      'This file has extra data before the zip archive starts, which IUCLID never writes (the file may be disguised ' +
        'or altered); it was refused.',
    ),
  xmlTooComplex: (entry: string, what: string) =>
    new DossierError(
      'malformed-xml',
      `The archive's ${entry} has ${what}, far beyond any IUCLID document; it was refused for safety.`,
    ),
  noManifest: () => new DossierError('not-iuclid', 'This file is not a IUCLID export (.i6z): it has no manifest.xml.'),
  wrongManifest: () =>
    new DossierError(
      'not-iuclid',
      'This file is not a IUCLID export (.i6z): its manifest.xml is not a IUCLID 6 manifest.',
    ),
  unreadableEntry: (why: string) =>
    new DossierError('not-iuclid', `This file is not a IUCLID export (.i6z): ${why}.`),
  notPlatformDocument: (entry: string) =>
    new DossierError(
      'not-iuclid',
      `This file is not a IUCLID export (.i6z): the document ${entry} is not a IUCLID 6 document.`,
    ),
  malformedXml: (entry: string) =>
    new DossierError(
      'malformed-xml',
      `The archive's ${entry} is not well-formed XML, so IUCLID and ECHA could not read it either: export the dossier again.`,
    ),
  forbiddenXml: (entry: string) =>
    new DossierError(
      'malformed-xml',
      `The archive's ${entry} contains a DOCTYPE/entity declaration, which IUCLID never writes; it was refused for safety.`,
    ),
  baseDocumentMissing: (detail: string) =>
    new DossierError(
      'base-document-missing',
      `This IUCLID export is incomplete: ${detail}. Export the dossier from IUCLID again.`,
    ),
};

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}
