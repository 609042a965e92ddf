import { describe, expect, it } from 'vitest';
import { dispositionFileName, parseHeaderValue } from '../../../src-main/sandbox/upload/media-type';
import { uploadFormatFor } from '../../../src-main/sandbox/upload/receive';

describe('parseHeaderValue', () => {
  it('reads the type and parameters, quoted or not, case-insensitive names', () => {
    const v = parseHeaderValue('Application/VND.iuclid6.Archive ; FileName=initial_dossier.i6z; x="a \\"q\\" ; b"');
    expect(v?.value).toBe('application/vnd.iuclid6.archive');
    expect(Object.fromEntries(v?.params ?? [])).toEqual({ filename: 'initial_dossier.i6z', x: 'a "q" ; b' });
  });

  it('keeps the first of repeated parameters and skips parameters without a value', () => {
    const v = parseHeaderValue('a/b; flag; n=1; n=2');
    expect(Object.fromEntries(v?.params ?? [])).toEqual({ n: '1' });
  });

  it('returns null for absent, empty, unterminated quotes and oversized values', () => {
    expect(parseHeaderValue(undefined)).toBeNull();
    expect(parseHeaderValue('  ; a=b')).toBeNull();
    expect(parseHeaderValue('a/b; f="open')).toBeNull();
    expect(parseHeaderValue(`a/b; f=${'x'.repeat(9000)}`)).toBeNull();
  });
});

describe('dispositionFileName', () => {
  it('prefers a decodable filename* over filename', () => {
    const v = parseHeaderValue(`form-data; name="f"; filename="plain.i6z"; filename*=UTF-8''na%C3%AFve%20d.i6z`);
    expect(v && dispositionFileName(v)).toBe('naïve d.i6z');
  });

  it('falls back to filename when filename* cannot be decoded, and is null for non-file parts', () => {
    const bad = parseHeaderValue(`form-data; filename="plain.i6z"; filename*=UTF-8''%E0%A4%A`);
    expect(bad && dispositionFileName(bad)).toBe('plain.i6z');
    const field = parseHeaderValue('form-data; name="comment"');
    expect(field && dispositionFileName(field)).toBeNull();
  });
});

describe('uploadFormatFor', () => {
  it('accepts the raw archive type with a file name, without control characters', () => {
    expect(uploadFormatFor('application/vnd.iuclid6.archive; filename="a\u0007b.i6z"')).toEqual({
      ok: true,
      format: { encoding: 'raw', fileName: 'ab.i6z' },
    });
  });

  it('accepts multipart with a boundary', () => {
    expect(uploadFormatFor('multipart/form-data; boundary=abc')).toEqual({ ok: true, format: { encoding: 'multipart', boundary: 'abc' } });
  });

  it('sorts the rest into bad request (400) and unsupported media type (415)', () => {
    expect(uploadFormatFor('application/vnd.iuclid6.archive')).toMatchObject({ ok: false, problem: 'bad-request' });
    expect(uploadFormatFor('multipart/form-data')).toMatchObject({ ok: false, problem: 'bad-request' });
    expect(uploadFormatFor('application/zip')).toEqual({ ok: false, problem: 'unsupported-media-type' });
    expect(uploadFormatFor(undefined)).toEqual({ ok: false, problem: 'unsupported-media-type' });
  });
});
