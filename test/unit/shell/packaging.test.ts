// electron-builder.yml cannot be exercised here (no Electron binary), so it is validated: by
// electron-builder's own loader and schema, plus the decisions that matter for a regulated app
// (per-user NSIS, hardened + notarised macOS build, native modules unpacked and rebuilt, fuses).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../../src-main/electron/origin';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('is loaded and accepted by electron-builder itself', async () => {
    expect(config.productName).toBe('ECHA S2S Desktop');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names only files that exist', () => {
    const files = [config.win?.icon, config.mac?.icon, config.mac?.entitlements, config.mac?.entitlementsInherit].filter((f): f is string => typeof f === 'string');
    expect(files).toHaveLength(4);
    for (const f of files) expect(existsSync(join(root, f)), f).toBe(true);
    const linuxIcons = join(root, String(config.linux?.icon));
    expect(statSync(linuxIcons).isDirectory()).toBe(true);
    expect(existsSync(join(root, 'assets', 'build'))).toBe(true);
  });

  it('has icons: a 512x512 PNG at least, a Windows ICO with a 256 px image, a macOS ICNS', () => {
    expect(pngSize(join(root, 'assets/icons/icon.png')).width).toBeGreaterThanOrEqual(512);
    expect(pngSize(join(root, 'assets/icons/png/512x512.png'))).toEqual({ width: 512, height: 512 });
    const ico = readFileSync(join(root, String(config.win?.icon)));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, k) => ico[6 + k * 16] || 256);
    expect(widths).toContain(256);
    const icns = readFileSync(join(root, String(config.mac?.icon)));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });

  it('packs the build outputs the app loads (main, the one-file preload, the renderer)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/main.js');
    // The loader normalises `files` to [{ filter: [...] }].
    const all = (config.files as (string | { filter?: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    expect(all.length).toBeGreaterThan(3);
    const patterns = all.filter((p) => !p.startsWith('!'));
    const excluded = all.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    const packed = (f: string) => patterns.some((p) => minimatch(f, p)) && !excluded.some((p) => minimatch(f, p));
    for (const f of ['package.json', 'dist/main/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc.js', 'assets/icons/icon.png']) {
      expect(packed(f), f).toBe(true);
    }
    for (const f of ['dist/main/main.js.map', 'src-main/main.ts', 'test/unit/x.test.ts', 'assets/icons/make-icons.mjs']) expect(packed(f), f).toBe(false);
  });

  it('unpacks the native modules from asar and rebuilds them for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    const unpack = config.asarUnpack as string[];
    for (const file of ['node_modules/keytar/build/Release/keytar.node', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node']) {
      expect(unpack.some((p) => minimatch(file, p)), file).toBe(true);
    }
    // Not everything: the JS stays inside the (integrity-checked) archive.
    expect(unpack.some((p) => minimatch('node_modules/keytar/lib/keytar.js', p))).toBe(false);
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('builds a per-user NSIS installer, a hardened notarised dmg, an AppImage and a deb', () => {
    const targetsOf = (t: unknown) => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
    expect(targetsOf(config.win?.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(targetsOf(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    const plist = readFileSync(join(root, String(config.mac?.entitlements)), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
    expect(targetsOf(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('publishes to a generic update feed whose URL comes from the build environment', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.ECHA_S2S_UPDATE_URL}' });
  });

  it('associates .i6z files with the app on every OS (the Linux desktop file needs the MIME type)', () => {
    const associations = Array.isArray(config.fileAssociations) ? config.fileAssociations : [config.fileAssociations];
    expect(associations).toEqual([expect.objectContaining({ ext: 'i6z', name: 'IUCLID dossier', mimeType: 'application/x-iuclid-dossier', role: 'Viewer' })]);
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });
});
