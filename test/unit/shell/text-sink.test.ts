import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSink, fileStreamSink, writableSink } from '../../../src-main/ipc/text-sink';

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
let after: () => Promise<void> = async () => undefined;
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

  it("closes once: a second close (the host's, after the export's own) gets the first answer", async () => {
    const received: string[] = [];
    const sink = writableSink(slowWritable(received));
    await sink.write('a;b\r\n');
    await sink.close();
    await sink.close();
    expect(received.join('')).toBe('a;b\r\n');
    const broken = new Writable({ write: (_c, _e, done) => done(new Error('EIO: i/o error')) });
    const failing = writableSink(broken);
    await failing.write('x').catch(() => undefined);
    await expect(failing.close()).rejects.toThrow(/EIO/);
    await expect(failing.close()).rejects.toThrow(/EIO/);
  });

  it('does not wait forever to close an HTTP response whose client went away', async () => {
    let response!: ServerResponse;
    const arrived = new Promise<void>((resolve) => {
      const server = createServer((_req, res) => {
        response = res;
        res.writeHead(200, { 'Content-Type': 'text/csv' });
        resolve();
      });
      server.listen(0, '127.0.0.1', () => {
        const req = request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', path: '/export' }, (res) => res.destroy());
        req.on('error', () => undefined);
        req.end();
      });
      after = () => new Promise<void>((r) => server.close(() => r()));
    });
    await arrived;
    const sink = writableSink(response);
    await sink.write('a;b\r\n');
    response.socket?.destroy(); // the browser tab closed before the last row
    await new Promise((r) => setTimeout(r, 50));
    await expect(sink.close()).rejects.toThrow(/closed/);
    expect(response.listenerCount('close')).toBeLessThanOrEqual(1);
    await after();
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

/** An fs.close that releases the file 30 ms later and notes when it did. */
function closingLater(steps: string[]) {
  return (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) =>
    setTimeout(() => fs.close(fd, (e) => {
      steps.push('file closed');
      cb(e);
    }), 30);
}

describe('fileSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-sink-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every chunk in order, multi-byte text included, and counts its UTF-8 bytes', async () => {
    const path = join(dir, 'out.csv');
    const sink = fileSink(path);
    const chunks: string[] = [];
    // 3 MiB in 64 KB chunks: more than the sink buffers, so some writes wait and some do not.
    for (let i = 0; i < 48; i++) chunks.push(`${String(i).padStart(3, '0')};Müller GmbH;€;`.padEnd(64 * 1024, 'x'));
    for (const c of chunks) await sink.write(c);
    await sink.close();
    const written = readFileSync(path, 'utf8');
    expect(written).toBe(chunks.join(''));
    expect(sink.bytes).toBe(Buffer.byteLength(written, 'utf8'));
  });

  it('fails the close when closing the file fails, after every write succeeded', async () => {
    // A network share or a full quota can report the error only when the file is closed; the host
    // renames the file into place after close, so a close that succeeded would hand over a bad file.
    const failingClose = { ...fs, close: (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => fs.close(fd, () => cb(Object.assign(new Error('EIO: i/o error, close'), { code: 'EIO' }))) };
    const sink = fileStreamSink(fs.createWriteStream(join(dir, 'share.csv'), { flags: 'wx', fs: failingClose as never }));
    await sink.write('a;b\r\n');
    await expect(sink.close()).rejects.toThrow(/EIO/);
    await expect(sink.close()).rejects.toThrow(/EIO/);
  });

  it('resolves the close only once the file itself is closed', async () => {
    // The host renames the file right after close (and removes it after a failure): that needs it
    // released, and only then is the last error of the file known.
    const steps: string[] = [];
    const slowClose = { ...fs, close: closingLater(steps) };
    const sink = fileStreamSink(fs.createWriteStream(join(dir, 'done.csv'), { flags: 'wx', fs: slowClose as never }));
    await sink.write('a;b\r\n');
    await sink.close();
    steps.push('close resolved');
    expect(steps).toEqual(['file closed', 'close resolved']);
    expect(readFileSync(join(dir, 'done.csv'), 'utf8')).toBe('a;b\r\n');
  });

  it('after a failed write, rejects the close only once the file is released', async () => {
    // The host removes the partial file after a failed close: on Windows a file deleted while open
    // stays visible ("delete pending") until it is closed.
    const steps: string[] = [];
    const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const failingDisk = {
      ...fs,
      write: (...args: unknown[]) => setTimeout(() => (args.at(-1) as (e: Error) => void)(noSpace()), 10),
      writev: (...args: unknown[]) => setTimeout(() => (args.at(-1) as (e: Error) => void)(noSpace()), 10),
      close: closingLater(steps),
    };
    const sink = fileStreamSink(fs.createWriteStream(join(dir, 'full.csv'), { flags: 'wx', fs: failingDisk as never }));
    await sink.write('a;b\r\n'); // buffered: the disk's answer comes later
    await sink.close().then(
      () => steps.push('close resolved'),
      (e: NodeJS.ErrnoException) => steps.push(`close rejected ${e.code}`),
    );
    expect(steps).toEqual(['file closed', 'close rejected ENOSPC']);
  });

  it('never writes over an existing file unless told to', async () => {
    const path = join(dir, 'taken.csv');
    writeFileSync(path, 'the client report from yesterday');
    const sink = fileSink(path);
    await expect((async () => {
      await sink.write('a;b\r\n');
      await sink.close();
    })()).rejects.toThrow(/EEXIST/);
    expect(readFileSync(path, 'utf8')).toBe('the client report from yesterday');
    const over = fileSink(path, 'w');
    await over.write('a;b\r\n');
    await over.close();
    expect(readFileSync(path, 'utf8')).toBe('a;b\r\n');
  });
});
