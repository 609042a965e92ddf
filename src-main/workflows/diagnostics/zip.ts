// Writes the bundle's entries into one zip, streamed to `out` (a file or an HTTP response).
import type { Writable } from 'node:stream';
import yazl from 'yazl';

export type BundleEntry = { name: string; text: string } | { name: string; data: Buffer };

export function writeZip(entries: readonly BundleEntry[], out: Writable, mtime: Date): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const e of entries) {
      const data = 'text' in e ? Buffer.from(e.text, 'utf8') : e.data;
      zip.addBuffer(data, e.name, { mtime, mode: 0o100600 });
    }
    zip.outputStream.once('error', reject);
    out.once('error', reject);
    out.once('finish', () => resolve());
    zip.outputStream.pipe(out);
    zip.end();
  });
}
