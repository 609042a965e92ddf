// A TextSink over any Node writable (a file in Electron, the HTTP response in web mode), honouring
// back-pressure so a 100k-row export never piles up in memory.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { TextSink } from './services';

/**
 * Bytes a file sink buffers before a write waits. With Node's default (16 KiB) every 64 KB chunk of
 * CSV waited for its own write to finish, so encoding and writing took turns; with 1 MiB the next
 * rows are encoded while the thread pool writes the last ones (the 100k-row export measured ~14%
 * faster in alternating runs), and memory stays bounded by it.
 */
export const FILE_SINK_BUFFER_BYTES = 1 << 20;

/** A sink writing a new file (`wx`: never over an existing one unless the caller says `w`). */
export function fileSink(path: string, flags: 'wx' | 'w' = 'wx'): TextSink & { readonly bytes: number } {
  return fileStreamSink(createWriteStream(path, { flags, highWaterMark: FILE_SINK_BUFFER_BYTES }));
}

/**
 * A sink over a file stream: its close settles only once the file itself is closed. A file's last
 * error can come from closing it (a network share reports EIO or a full quota then), after every
 * write succeeded; the host renames the file into place after close, so that error must fail the close.
 */
export function fileStreamSink(stream: Writable): TextSink & { readonly bytes: number } {
  return writableSink(stream, { untilClosed: true });
}

/**
 * @param options.untilClosed settle close() on the stream's 'close' (its resource released and any
 *   error of releasing it known), not on the end of its writes. Only for streams that always emit
 *   'close' after their end, as file streams do.
 */
export function writableSink(stream: Writable, options: { untilClosed?: boolean } = {}): TextSink & { readonly bytes: number } {
  let bytes = 0;
  let failure: Error | null = null;
  let closing: Promise<void> | null = null;
  stream.on('error', (e) => (failure = e));
  const closed = () => failure ?? new Error('The destination was closed');

  /**
   * Ends the stream and settles once: when end's callback runs (also how a failure after the last
   * write arrives, a file that could not be opened or a buffered write that failed: it gets the
   * error, before the 'error' event), on an error, or on 'close' before the end was written (an
   * HTTP client gone: a ServerResponse then never calls end's callback). With `untilClosed` only
   * 'close' settles, whatever happened before it (a file stream emits it after its end and after
   * its errors alike): the file is then released, and the error of closing it is known.
   */
  async function finish(): Promise<void> {
    if (failure || stream.destroyed) {
      if (options.untilClosed && !stream.closed) await new Promise((resolve) => stream.once('close', resolve));
      if (failure) throw failure;
      if (stream.writableFinished) return;
      throw closed();
    }
    await new Promise<void>((resolve, reject) => {
      let problem: Error | null = null;
      const settle = (p: Error | null) => {
        stream.off('error', onError);
        stream.off('close', onClose);
        if (p) reject(p);
        else resolve();
      };
      const onError = (e: Error) => {
        problem ??= e;
        if (!options.untilClosed) settle(problem);
      };
      const onClose = () => settle(problem ?? failure ?? (stream.writableFinished ? null : closed()));
      stream.on('error', onError);
      stream.once('close', onClose);
      stream.end((err?: Error | null) => {
        problem ??= err ?? failure;
        if (!options.untilClosed || stream.closed) settle(problem);
      });
    });
  }
  return {
    get bytes() {
      return bytes;
    },
    async write(chunk) {
      if (failure) throw failure;
      if (stream.destroyed) throw closed();
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
            once(stream, 'close', { signal }).then(() => Promise.reject(closed())),
          ]);
        } finally {
          done.abort();
        }
      }
    },
    // Idempotent: the export closes its sink when the last row is written, and the host closes it
    // again before it renames the file or after a failure; every call gets the first call's answer.
    close() {
      closing ??= finish();
      return closing;
    },
  };
}
