// How a host finds the services: a missing src-main/compose.ts is a clear message, a broken one is not
// disguised as missing.
import { describe, expect, it } from 'vitest';
import type { createServices } from '../../../src-main/compose';
import { ComposeMissingError, isComposeItselfMissing, loadCreateServices, type CreateServices } from '../../../src-main/ipc/compose-loader';

// The hosts call compose's createServices with their options: the two signatures must stay compatible.
const _composeFitsHosts: typeof createServices extends CreateServices ? true : never = true;
void _composeFitsHosts;

const withCode = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('compose loader', () => {
  it('recognises compose itself missing, in Node, vite and the build stub', () => {
    expect(isComposeItselfMissing(withCode("Cannot find module '/w/src-main/compose' imported from /w/src-main/ipc/compose-loader.ts", 'ERR_MODULE_NOT_FOUND'))).toBe(true);
    expect(isComposeItselfMissing(withCode('Failed to load url ../compose (resolved id: ../compose) in /w/src-main/ipc/compose-loader.ts. Does the file exist?'))).toBe(true);
    expect(isComposeItselfMissing(withCode('Cannot find module src-main/compose (not found)', 'ERR_MODULE_NOT_FOUND'))).toBe(true);
  });

  it('does not mistake a module missing INSIDE compose for compose missing', () => {
    expect(isComposeItselfMissing(withCode("Cannot find module '/w/src-main/workflows/submit' imported from /w/src-main/compose.ts", 'ERR_MODULE_NOT_FOUND'))).toBe(false);
    expect(isComposeItselfMissing(withCode('Failed to load url ./workflows/x (resolved id: ./workflows/x) in /w/src-main/compose.ts'))).toBe(false);
    expect(isComposeItselfMissing(new TypeError('compose is broken'))).toBe(false);
  });

  it('turns a missing compose into ComposeMissingError and passes other failures through', async () => {
    await expect(loadCreateServices(async () => Promise.reject(withCode("Cannot find module '/w/src-main/compose' imported from x", 'ERR_MODULE_NOT_FOUND')))).rejects.toThrow(ComposeMissingError);
    await expect(loadCreateServices(async () => Promise.reject(new SyntaxError('Unexpected token')))).rejects.toThrow(SyntaxError);
    await expect(loadCreateServices(async () => ({ somethingElse: 1 }))).rejects.toThrow(/does not export a createServices/);
    const create = async () => ({ services: {} as never, close: async () => {} });
    expect(await loadCreateServices(async () => ({ createServices: create }))).toBe(create);
  });

  it('loads the real src-main/compose.ts, or says clearly that it is not there yet', async () => {
    try {
      expect(typeof (await loadCreateServices())).toBe('function');
    } catch (error) {
      expect(error).toBeInstanceOf(ComposeMissingError);
      expect((error as Error).message).toMatch(/src-main\/compose\.ts is not written yet/);
    }
  });
});
