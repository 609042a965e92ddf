// UFI checksum, ECHA UFI Developers Manual v1.4 (digest in the spec README).
const ALPHABET = '0123456789ACDEFGHJKMNPQRSTUVWXY';

/** Upper-cases and drops hyphens and surrounding/inner whitespace, the way a UFI is compared. */
export function normalizeUfi(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * True iff the text is 16 characters of the UFI alphabet (hyphens ignored) whose weighted sum
 * (position i = 1..16 times the character's index in the alphabet) is divisible by 31.
 * Case-sensitive on purpose: UFIs are printed upper case and the manual's alphabet is upper case.
 */
export function isWellFormedUfi(text: string): boolean {
  const compact = text.replace(/-/g, '');
  if (compact.length !== 16) return false;
  let sum = 0;
  for (let i = 0; i < 16; i++) {
    const v = ALPHABET.indexOf(compact.charAt(i));
    if (v < 0) return false;
    sum += (i + 1) * v;
  }
  return sum % 31 === 0;
}
