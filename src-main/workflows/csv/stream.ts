// The thin edge of the export: turn a lazy sequence of rows into CSV text pushed to a TextSink in
// chunks, awaiting each write (back-pressure), so 100k rows never sit in memory at once.
import type { TextSink } from '../../ipc/services';
import { BOM, encodeRecord, encodeRow, type Delimiter } from './cell';
import { headerValues, type Column } from './columns';

export interface StreamCsvOptions {
  delimiter: Delimiter;
  /** Called every `progressEvery` rows and once at the end. */
  onProgress?: (rowsWritten: number) => void;
  progressEvery?: number;
  /** Bytes gathered before a write; a few tens of KB balances syscalls against memory. */
  chunkChars?: number;
  signal?: AbortSignal;
}

export async function streamCsv<R>(
  rows: Iterable<R> | AsyncIterable<R>,
  columns: readonly Column<R>[],
  sink: TextSink,
  options: StreamCsvOptions,
): Promise<{ rowCount: number }> {
  const chunkChars = options.chunkChars ?? 64 * 1024;
  const progressEvery = options.progressEvery ?? 5000;
  let buffer = BOM + encodeRecord(headerValues(columns), options.delimiter);
  let rowCount = 0;
  // Returns the chunk to write once the buffer is full, else null.
  const add = (row: R): string | null => {
    if (options.signal?.aborted) throw new Error('Export cancelled');
    buffer += encodeRow(columns, row, options.delimiter);
    rowCount += 1;
    if (rowCount % progressEvery === 0) options.onProgress?.(rowCount);
    if (buffer.length < chunkChars) return null;
    const chunk = buffer;
    buffer = '';
    return chunk;
  };
  if (Symbol.iterator in rows) {
    // A synchronous source (the ledger's export iterator): no await per row, only per chunk written;
    // `for await` would cost a promise and a microtask turn for each of 100k rows.
    for (const row of rows) {
      const chunk = add(row);
      if (chunk !== null) await sink.write(chunk);
    }
  } else {
    for await (const row of rows) {
      const chunk = add(row);
      if (chunk !== null) await sink.write(chunk);
    }
  }
  if (buffer !== '') await sink.write(buffer);
  await sink.close();
  options.onProgress?.(rowCount);
  return { rowCount };
}
