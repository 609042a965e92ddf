import { describe, expect, it } from 'vitest';
import { unsafeEntryNameReason } from '../../../src-main/dossier/entry-name';

describe('unsafeEntryNameReason', () => {
  it('accepts the names IUCLID writes', () => {
    for (const name of [
      'manifest.xml',
      '56e49ed8-0bec-49a2-8050-f8e87844b2e8_56e49ed8-0bec-49a2-8050-f8e87844b2e8.i6d',
      'attachments/5b7c/report.pdf',
      'ENDPOINT_STUDY_RECORD-AcuteToxicityOral.xsl',
      'dir/',
      'a..b.i6d',
    ]) {
      expect(unsafeEntryNameReason(name), name).toBeNull();
    }
  });

  it('refuses parent steps, absolute paths, drive letters, backslashes and control characters', () => {
    for (const name of [
      '../evil.i6d',
      'a/../../evil.i6d',
      'a/..',
      '/etc/passwd',
      '//server/share/x',
      'C:/Windows/x.dll',
      'c:evil',
      'a\\..\\..\\evil',
      'ok\\name.i6d',
      'nul\u0000byte',
      'line\nbreak',
      '',
    ]) {
      expect(unsafeEntryNameReason(name), JSON.stringify(name)).not.toBeNull();
    }
  });
});
