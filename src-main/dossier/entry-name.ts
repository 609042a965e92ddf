// Zip entry names are attacker-controlled. We never extract to disk, but a name that would escape
// the extraction folder marks a hostile archive (ECHA or IUCLID unpacking it is exactly the risk), so
// such archives are refused outright rather than "sanitised".

/** Why this entry name is unsafe, or null when it is an ordinary relative path. */
export function unsafeEntryNameReason(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control characters in a name';
  if (name.includes('\\')) return 'a backslash in a name';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.split('/').includes('..')) return 'a ".." parent-folder step';
  return null;
}
