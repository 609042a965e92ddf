import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { call, integration, manualSandbox, multipartBody, tokenFor, type SubmitReply } from './helpers';

let sb: Sandbox;
let token: string;
let bytes: Buffer;
let sha: string;
const MAX = 40 * 1024 * 1024;

beforeAll(async () => {
  sb = await manualSandbox({ maxUploadBytes: MAX, timing: { processingMs: 0, reportNotFoundMs: 0 } });
  token = await tokenFor(DEMO_LEGAL_ENTITY);
  bytes = await readFile(await buildPcnDossier());
  sha = createHash('sha256').update(bytes).digest('hex');
});
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

const submit = (contentType: string | undefined, body: Buffer, run = 'upload-1') =>
  call(sb, 'POST', '/submission/v3', {
    token,
    headers: { ...integration(run), ...(contentType === undefined ? {} : { 'Content-Type': contentType }) },
    body,
  });

async function finalReport(number: string, run = 'upload-1'): Promise<{ status: string; filename?: string; dossierUuid?: string }> {
  const r = await call(sb, 'GET', `/submission/v2/${number}`, { token, headers: integration(run) });
  expect(r.status).toBe(200);
  return r.json();
}

describe('raw archive body (table 2)', () => {
  it('accepts application/vnd.iuclid6.archive with a filename, records size and hash', async () => {
    const r = await submit('application/vnd.iuclid6.archive; filename=initial_dossier.i6z', bytes);
    expect(r.status).toBe(202);
    expect(r.contentType).toBe('application/json');
    const rec = sb.requests.at(-1);
    expect(rec?.upload).toEqual({ encoding: 'raw', fileName: 'initial_dossier.i6z', sizeBytes: bytes.length, sha256: sha });
    const report = await finalReport(r.json<SubmitReply>().submissionNumber);
    expect(report.status).toBe('VALIDATION_SUCCEEDED');
    expect(report.filename).toBe('initial_dossier.i6z');
  });

  it('accepts a quoted filename with spaces', async () => {
    const r = await submit('application/vnd.iuclid6.archive; filename="my dossier (v2).i6z"', bytes, 'upload-2');
    expect(r.status).toBe(202);
    expect((await finalReport(r.json<SubmitReply>().submissionNumber, 'upload-2')).filename).toBe('my dossier (v2).i6z');
  });

  it('refuses the archive type without a filename with 400', async () => {
    const r = await submit('application/vnd.iuclid6.archive', bytes);
    expect(r.status).toBe(400);
    expect(r.text).toContain('filename=');
  });
});

describe('multipart/form-data (Annex C)', () => {
  it('accepts one file part shaped like the C.2.7 sample', async () => {
    const boundary = '----=_Part_0_934668894.1612436191150';
    const r = await submit(`multipart/form-data; boundary="${boundary}"`, multipartBody(boundary, 'SCIPDossierFile1.i6z', bytes), 'upload-3');
    expect(r.status).toBe(202);
    expect(sb.requests.at(-1)?.upload).toEqual({ encoding: 'multipart', fileName: 'SCIPDossierFile1.i6z', sizeBytes: bytes.length, sha256: sha });
    const report = await finalReport(r.json<SubmitReply>().submissionNumber, 'upload-3');
    expect(report.status).toBe('VALIDATION_SUCCEEDED');
    expect(report.filename).toBe('SCIPDossierFile1.i6z');
  });

  it('ignores form fields that are not files and takes the file part', async () => {
    const boundary = 'b0undary';
    const field = `--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nhello\r\n`;
    const r = await submit(`multipart/form-data; boundary=${boundary}`, multipartBody(boundary, 'x.i6z', bytes, field), 'upload-4');
    expect(r.status).toBe(202);
    expect(sb.requests.at(-1)?.upload?.sha256).toBe(sha);
  });

  it('refuses two file parts, no file part, and a body cut before its closing boundary', async () => {
    const b = 'bnd';
    const part = (name: string) => `--${b}\r\nContent-Disposition: form-data; name="f"; filename="${name}"\r\n\r\nabc\r\n`;
    const two = await submit(`multipart/form-data; boundary=${b}`, Buffer.from(`${part('a.i6z')}${part('b.i6z')}--${b}--\r\n`));
    expect(two.status).toBe(400);
    expect(two.text).toContain('exactly one file part');
    const none = await submit(`multipart/form-data; boundary=${b}`, Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="x"\r\n\r\nv\r\n--${b}--\r\n`));
    expect(none.status).toBe(400);
    expect(none.text).toContain('no file part');
    const cut = await submit(`multipart/form-data; boundary=${b}`, Buffer.from(part('a.i6z')));
    expect(cut.status).toBe(400);
    expect(cut.text).toContain('closing boundary');
  });

  it('refuses multipart without a boundary', async () => {
    expect((await submit('multipart/form-data', bytes)).status).toBe(400);
  });

  it('streams a large multipart upload to disk with the right size and hash', async () => {
    const size = 24 * 1024 * 1024;
    const boundary = 'large-boundary-x';
    const hash = createHash('sha256');
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${sb.url}/submission/v3`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          ...integration('upload-5'),
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.i6z"\r\n\r\n`);
      // Odd-sized chunks that contain boundary-like text, so delimiters are searched across chunk edges.
      const chunk = Buffer.alloc(65_537, `\r\n--${boundary.slice(0, 10)}`);
      let sent = 0;
      const pump = (): void => {
        while (sent < size) {
          const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
          hash.update(piece);
          sent += piece.length;
          if (!req.write(piece)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(result.status).toBe(202);
    expect(sb.requests.at(-1)?.upload).toEqual({ encoding: 'multipart', fileName: 'big.i6z', sizeBytes: size, sha256: hash.digest('hex') });
    // Not a zip: processed as an invalid IUCLID archive.
    const report = await finalReport(JSON.parse(result.body).submissionNumber, 'upload-5');
    expect(report.status).toBe('VALIDATION_FAILED');
  });
});

describe('other content types and sizes', () => {
  it.each([
    ['application/octet-stream'],
    ['application/zip'],
    ['text/plain'],
    ['application/json'],
    [undefined],
  ])('answers 415 for %s', async (contentType) => {
    const r = await submit(contentType, bytes);
    expect(r.status).toBe(415);
    expect(r.json<{ status: number }>().status).toBe(415);
  });

  it('answers 413 for a body over the limit, announced or not', async () => {
    const big = Buffer.alloc(MAX + 1);
    const r = await submit('application/vnd.iuclid6.archive; filename=big.i6z', big);
    expect(r.status).toBe(413);
    // Sent chunked, without Content-Length: the limit is counted while streaming.
    const chunked = await new Promise<number>((resolve) => {
      const req = request(`${sb.url}/submission/v3`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.iuclid6.archive; filename=big.i6z' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      const part = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < 41; i++) req.write(part);
      req.end();
    });
    expect([413, -1]).toContain(chunked); // 413, or a reset if the server closed while we still wrote
    expect(sb.requests.some((r) => r.status === 413 && r.headers['transfer-encoding'] === 'chunked')).toBe(true);
  });
});
