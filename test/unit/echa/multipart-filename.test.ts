// The multipart envelope byte for byte, and the file name that goes into headers.
import { describe, expect, it } from 'vitest';
import { archiveContentType, buildRequest, multipartEnvelope, newMultipartBoundary, sanitiseFileName } from '../../../src-main/echa';

describe('multipart envelope', () => {
  it('is exactly one file part around the archive bytes', () => {
    const env = multipartEnvelope('initial-dossier.i6z', 'XyZ123');
    expect(env.contentType).toBe('multipart/form-data; boundary=XyZ123');
    expect(env.head.toString('latin1')).toBe(
      '--XyZ123\r\n' +
        'Content-Disposition: form-data; name="initial-dossier.i6z"; filename="initial-dossier.i6z"\r\n' +
        'Content-Type: application/vnd.iuclid6.archive; filename=initial-dossier.i6z\r\n' +
        '\r\n',
    );
    expect(env.tail.toString('latin1')).toBe('\r\n--XyZ123--\r\n');
  });

  it('the full body built from a request is head + file + tail with the declared length', () => {
    const file = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x0d, 0x0a]);
    const r = buildRequest({ baseUrl: 'http://127.0.0.1:1/submission', version: 'v3' }, { kind: 'production' }, {
      endpoint: 'submit', fileName: 'a.i6z', encoding: 'multipart', fileSize: file.length, multipartBoundary: 'B',
    });
    if (!r.ok || r.value.body.kind !== 'file' || r.value.body.encoding !== 'multipart') throw new Error('multipart expected');
    const whole = Buffer.concat([r.value.body.head, file, r.value.body.tail]);
    expect(whole.toString('latin1')).toBe(
      '--B\r\nContent-Disposition: form-data; name="a.i6z"; filename="a.i6z"\r\n' +
        'Content-Type: application/vnd.iuclid6.archive; filename=a.i6z\r\n\r\n' +
        file.toString('latin1') +
        '\r\n--B--\r\n',
    );
    expect(r.value.headers['Content-Length']).toBe(String(whole.length));
  });

  it('generated boundaries are unique and valid', () => {
    const a = newMultipartBoundary();
    expect(a).not.toBe(newMultipartBoundary());
    expect(a).toMatch(/^[A-Za-z0-9-]{20,70}$/);
    expect(() => multipartEnvelope('a.i6z', 'bad boundary"')).toThrow();
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['initial-dossier.i6z', 'initial-dossier.i6z'],
    ['Mixture A (v2).i6z', 'Mixture_A_v2.i6z'],
    ['my "dossier";\r\nX-Evil: 1.i6z', 'my_dossier_X-Evil_1.i6z'],
    ['/home/ana/exports/pcn.I6Z', 'pcn.i6z'],
    ['C:\\Users\\ana\\pcn.i6z', 'pcn.i6z'],
    ['Gemisch_äöü_é.i6z', 'Gemisch_aou_e.i6z'],
    ['dossier', 'dossier.i6z'],
    ['dossier.zip', 'dossier.zip.i6z'],
    ['..i6z', 'dossier.i6z'],
    ['"";.i6z', 'dossier.i6z'],
    ['', 'dossier.i6z'],
    ['../../etc/passwd', 'passwd.i6z'],
    ['漢字.i6z', 'dossier.i6z'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  it('never yields quotes, ";", CR, LF or non-ASCII, always ends in .i6z and stays short', () => {
    const nasty = `a"b;c\rd\ne\u0000f\u202eg${'h'.repeat(500)}.i6z`;
    const out = sanitiseFileName(nasty);
    expect(out).toMatch(/^[A-Za-z0-9._+-]+\.i6z$/);
    expect(out.length).toBeLessThanOrEqual(154);
    expect(archiveContentType(out)).not.toMatch(/["\r\n]/);
  });
});
