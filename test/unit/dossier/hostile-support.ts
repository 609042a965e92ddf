// What the hostile-archive tests share: a scratch folder for the archives a test file builds, and the
// refusal an inspection must end in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DossierError, inspectDossier } from '../../../src-main/dossier';
import { cleanupArchives } from '../../fixtures/archives';

/**
 * Makes a scratch folder before the file's tests (handed to `ready`; hooks registered after this one
 * see it) and removes it after them, with every archive the fixture builders made.
 */
export function useScratchFolder(prefix: string, ready: (path: string) => void): void {
  let path = '';
  beforeAll(() => {
    path = mkdtempSync(join(tmpdir(), prefix));
    ready(path);
  });
  afterAll(() => {
    if (path) rmSync(path, { recursive: true, force: true });
    cleanupArchives();
  });
}

/** The DossierError that inspecting `path` ends in; fails when the file is accepted. */
export async function refusal(path: string): Promise<DossierError> {
  try {
    await inspectDossier(path);
  } catch (err) {
    if (err instanceof DossierError) return err;
    throw err;
  }
  throw new Error(`${path} was accepted`);
}
