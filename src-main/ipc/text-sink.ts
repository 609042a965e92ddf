// A TextSink over any Node writable (a file in Electron, the HTTP response in web mode), honouring
// back-pressure so a 100k-row export never piles up in memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { TextSink } from './services';

export function writableSink(stream: Writable): TextSink & { readonly bytes: number } {
  let bytes = 0;
  let failure: Error | null = null;
  stream.on('error', (e) => (failure = e));
  return {
    get bytes() {
      return bytes;
    },
    async write(chunk) {
      if (failure) throw failure;
      if (stream.destroyed) throw new Error('The destination was closed');
      bytes += Buffer.byteLength(chunk, 'utf8');
      if (!stream.write(chunk, 'utf8')) {
        // Wait for drain, but also wake up if the destination closes (client gone, disk error).
        // Whichever comes first, the other wait is cancelled, which removes its listeners: a long
        // export waits thousands of times and must not leave a 'close' listener behind each time.
        const done = new AbortController();
        const { signal } = done;
        try {
          await Promise.race([
            once(stream, 'drain', { signal }),
            once(stream, 'close', { signal }).then(() => Promise.reject(failure ?? new Error('The destination was closed'))),
          ]);
        } finally {
          done.abort();
        }
      }
    },
    async close() {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => {
          stream.off('error', reject);
          resolve();
        });
      });
    },
  };
}
