// The dossier's file name travels inside HTTP headers (`Content-Type: ...; filename=x.i6z` and the
// multipart Content-Disposition). A name with quotes, ';', CR/LF or non-ASCII could split or smuggle
// headers or break ECHA's parser, so only a conservative token alphabet survives.

const MAX_STEM_LENGTH = 150;

export function sanitiseFileName(name: string): string {
  // Last path segment only: a full path must not leak into a header (it names the user's folders).
  const base = name.split(/[\\/]/).pop() ?? '';
  // Fold accents to ASCII (Gemisch_ä -> Gemisch_a) before dropping what is left outside the alphabet.
  const ascii = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const stem = ascii
    .replace(/\.i6z$/i, '')
    .replace(/[^A-Za-z0-9._+-]+/g, '_')
    .replace(/_{2,}/g, '_')
    // A leading dot or dash reads as a hidden file or an option; trailing separators look like a typo.
    .replace(/^[._+-]+/, '')
    .replace(/[._+-]+$/, '')
    .slice(0, MAX_STEM_LENGTH)
    .replace(/[._+-]+$/, '');
  return `${stem === '' ? 'dossier' : stem}.i6z`;
}
