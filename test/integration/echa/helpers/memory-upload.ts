// Shared by the streaming test and bench/upload-memory.ts: uploads a file of `size` bytes through the
// real client while sampling this process's memory. The file is generated, and the upload received and
// hashed, by a child process, so the numbers measure the client alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EchaClient } from '../../../../src-main/echa';
import { makeTempDir } from './files';

export interface MemoryRun {
  fileBytes: number;
  intact: boolean;
  ok: boolean;
  rssGrowth: number;
  heapGrowth: number;
  externalGrowth: number;
  elapsedMs: number;
}

// The receiving side, as plain Node ESM: writes the file, prints its sha256 and the port, then for each
// upload prints the sha256 of the archive bytes it received (multipart envelope removed).
const CHILD = String.raw`
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
const [path, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
const fileHash = createHash('sha256');
const out = createWriteStream(path);
const block = randomBytes(1024 * 1024);
for (let written = 0, round = 0; written < size; round++) {
  const n = Math.min(block.length, size - written);
  block.writeUInt32BE(round, 0);
  const chunk = Buffer.from(block.subarray(0, n));
  fileHash.update(chunk);
  if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  written += n;
}
await new Promise((r) => out.end(r));
const server = createServer((req, res) => {
  const boundary = /boundary=([^;]+)/.exec(req.headers['content-type'] ?? '')?.[1];
  const tail = boundary ? Buffer.from('\r\n--' + boundary + '--\r\n', 'latin1') : Buffer.alloc(0);
  const hash = createHash('sha256');
  let head = boundary ? Buffer.alloc(0) : null;
  let pending = Buffer.alloc(0);
  req.on('data', (chunk) => {
    let data = chunk;
    if (head !== null) {
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      data = head.subarray(end + 4);
      head = null;
    }
    pending = Buffer.concat([pending, data]);
    if (pending.length > tail.length) {
      hash.update(pending.subarray(0, pending.length - tail.length));
      pending = Buffer.from(pending.subarray(pending.length - tail.length));
    }
  });
  req.on('end', () => {
    console.log('received ' + hash.digest('hex'));
    const body = JSON.stringify({ submissionNumber: 'AAD678032-54', statusUrl: 'x', reportUrl: 'y' });
    res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('ready ' + fileHash.digest('hex') + ' ' + server.address().port));
`;

/**
 * A handle on V8's collector without restarting Node with --expose-gc. Collecting while sampling
 * measures what the client RETAINS; without it, each sample also counts chunks already written and
 * merely awaiting collection (V8 lets up to ~64 MB of such buffers pile up before it collects).
 */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function lines(child: ChildProcess): AsyncIterator<string> {
  if (!child.stdout) throw new Error('no stdout');
  return createInterface({ input: child.stdout })[Symbol.asyncIterator]();
}

export async function uploadAndMeasure(
  size: number,
  encoding: 'raw' | 'multipart' = 'raw',
  options: { collectGarbage?: boolean } = {},
): Promise<MemoryRun> {
  const gc = options.collectGarbage ? garbageCollector() : () => undefined;
  const tmp = await makeTempDir('echa-mem-');
  const script = join(tmp.dir, 'receiver.mjs');
  const path = join(tmp.dir, 'big.i6z');
  await writeFile(script, CHILD);
  const child = spawn(process.execPath, [script, path, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const out = lines(child);
  let client: EchaClient | null = null;
  try {
    const ready = (await out.next()).value as string | undefined;
    const [, fileSha, port] = ready?.split(' ') ?? [];
    if (!fileSha || !port) throw new Error(`receiver did not start: ${String(ready)}`);
    client = new EchaClient({
      baseUrl: `http://127.0.0.1:${port}/submission`,
      version: 'v3',
      username: 's2s-user',
      leUuid: 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d',
      apiKey: async () => 'c2VjcmV0LWtleS1mb3ItdGhlLW1lbW9yeS10ZXN0',
      keyReading: 'base64url-decoded',
      tokenLifetimeSec: 3600,
    });
    gc();
    const before = process.memoryUsage();
    let peak = { rss: before.rss, heap: before.heapUsed, external: before.external + before.arrayBuffers };
    const sample = () => {
      gc();
      const m = process.memoryUsage();
      peak = {
        rss: Math.max(peak.rss, m.rss),
        heap: Math.max(peak.heap, m.heapUsed),
        external: Math.max(peak.external, m.external + m.arrayBuffers),
      };
    };
    const timer = setInterval(sample, 20);
    const started = Date.now();
    // Progress fires per 256 KB chunk; sampling every 16th keeps forced collections affordable.
    let chunks = 0;
    const onProgress = () => {
      if (++chunks % 16 === 0) sample();
    };
    const result = await client.submitDossier({ kind: 'production' }, { filePath: path, fileName: 'big.i6z', encoding, onProgress });
    const elapsedMs = Date.now() - started;
    clearInterval(timer);
    sample();
    const received = (await out.next()).value as string | undefined;
    return {
      fileBytes: size,
      ok: result.ok,
      intact: received === `received ${fileSha}`,
      rssGrowth: peak.rss - before.rss,
      heapGrowth: peak.heap - before.heapUsed,
      externalGrowth: peak.external - (before.external + before.arrayBuffers),
      elapsedMs,
    };
  } finally {
    await client?.close();
    child.kill();
    await tmp.remove();
  }
}
