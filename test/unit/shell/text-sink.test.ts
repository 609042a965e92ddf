import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writableSink } from '../../../src-main/ipc/text-sink';

/** A destination that takes a few bytes at a time and answers later: every write is back-pressured. */
function slowWritable(received: string[]): Writable {
  return new Writable({
    highWaterMark: 16,
    decodeStrings: false,
    write(chunk: string, _enc, done) {
      received.push(chunk);
      setImmediate(done);
    },
  });
}

const listeners = (s: Writable) => ({
  close: s.listenerCount('close'),
  error: s.listenerCount('error'),
  drain: s.listenerCount('drain'),
});

let warnings: Error[];
const onWarning = (w: Error) => warnings.push(w);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

describe('writableSink', () => {
  it('waits for drain thousands of times without piling up listeners', async () => {
    const received: string[] = [];
    const stream = slowWritable(received);
    const sink = writableSink(stream);
    const before = listeners(stream);
    let backPressured = 0;
    for (let i = 0; i < 2000; i++) {
      const chunk = `row ${i},"some cells",and more text\r\n`;
      if (stream.writableLength + chunk.length >= stream.writableHighWaterMark) backPressured++;
      await sink.write(chunk);
      // After every write, bounded: the sink's own error listener and nothing left from a wait.
      expect(listeners(stream)).toEqual(before);
    }
    expect(backPressured).toBe(2000);
    await sink.close();
    expect(received.join('')).toContain('row 1999,');
    expect(sink.bytes).toBe(received.join('').length);
    // Give a late warning (emitted on nextTick) the chance to arrive.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('still wakes up when the destination closes while a write waits for drain', async () => {
    const stream = new Writable({ highWaterMark: 4, write: () => undefined }); // never drains
    const sink = writableSink(stream);
    const pending = sink.write('more than four bytes');
    setImmediate(() => stream.destroy());
    await expect(pending).rejects.toThrow(/closed/);
    expect(stream.listenerCount('drain')).toBe(0);
    await expect(sink.write('x')).rejects.toThrow(/closed/);
  });

  it('reports a destination error instead of waiting forever', async () => {
    const stream = new Writable({ highWaterMark: 4, write: () => undefined });
    const sink = writableSink(stream);
    const pending = sink.write('more than four bytes');
    setImmediate(() => stream.destroy(new Error('ENOSPC: no space left on device')));
    await expect(pending).rejects.toThrow(/ENOSPC/);
    await expect(sink.write('x')).rejects.toThrow(/ENOSPC/);
  });
});
