import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Reads the real tokens file: the light set (:root) and the dark set (prefers-color-scheme: dark, which
// overrides the light one), resolves var() references and checks the WCAG contrast of every pair the
// stylesheets actually draw.
const stylesDir = join(__dirname, '../../../src-renderer/styles');
const tokensCss = readFileSync(join(stylesDir, 'tokens.css'), 'utf8');

function declarations(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of block.matchAll(/(--[a-z0-9-]+)\s*:\s*([^;]+);/g)) out.set(m[1]!, m[2]!.trim());
  return out;
}

const darkStart = tokensCss.indexOf('@media (prefers-color-scheme: dark)');
const light = declarations(tokensCss.slice(0, darkStart));
const dark = new Map([...light, ...declarations(tokensCss.slice(darkStart))]);
const themes = { light, dark } as const;

function resolve(tokens: Map<string, string>, name: string, depth = 0): string {
  const value = tokens.get(name);
  if (value === undefined) throw new Error(`token ${name} is not defined`);
  const ref = /^var\((--[a-z0-9-]+)\)$/.exec(value);
  if (ref && depth < 10) return resolve(tokens, ref[1]!, depth + 1);
  return value;
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not an opaque #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background] pairs drawn as text (4.5:1).
const textPairs: [string, string][] = [
  ['--text', '--bg'], ['--text', '--surface'], ['--text', '--surface-sunken'], ['--text', '--row-hover'],
  ['--text-muted', '--bg'], ['--text-muted', '--surface'], ['--text-muted', '--surface-sunken'],
  ['--text', '--accent-soft'], ['--text', '--ok-soft'], ['--text', '--warn-soft'], ['--text', '--bad-soft'],
  ['--text', '--info-soft'], ['--text', '--mode-production-soft'], ['--text', '--mode-integration-soft'],
  ['--text', '--mode-connectivity-soft'],
  // Muted text sits on the tinted callouts and banners too.
  ['--text-muted', '--accent-soft'], ['--text-muted', '--ok-soft'], ['--text-muted', '--warn-soft'], ['--text-muted', '--bad-soft'],
  ['--text-muted', '--mode-production-soft'], ['--text-muted', '--mode-integration-soft'], ['--text-muted', '--mode-connectivity-soft'],
  ['--text-muted', '--row-hover'], ['--bad', '--surface-sunken'], ['--accent', '--surface-sunken'],
  ['--accent', '--surface'], ['--accent', '--bg'], ['--accent-hover', '--accent-soft'], ['--accent-hover', '--surface'],
  ['--on-accent', '--accent'], ['--on-accent', '--accent-hover'],
  ['--ok', '--surface'], ['--ok', '--ok-soft'], ['--on-ok', '--ok'],
  ['--warn', '--surface'], ['--warn', '--warn-soft'], ['--surface', '--warn-fill'],
  ['--bad', '--surface'], ['--bad', '--bad-soft'], ['--on-bad', '--bad'], ['--on-bad', '--bad-hover'], ['--surface', '--bad'],
  ['--info', '--surface'], ['--info', '--info-soft'], ['--surface', '--info'],
  ['--mode-production-text', '--mode-production'], ['--mode-production-text', '--mode-production-dark'],
  ['--mode-production-on-soft', '--mode-production-soft'], ['--mode-production-on-soft', '--surface'],
  ['--mode-integration-text', '--mode-integration'], ['--mode-connectivity-text', '--mode-connectivity'],
  ['--header-text', '--header-bg'], ['--header-text-muted', '--header-bg'],
  ['--header-text', '--header-production-bg'], ['--header-text-muted', '--header-production-bg'],
  ['--header-control-text', '--header-control-bg'], ['--text-muted', '--header-control-bg'],
  ['--header-logo-text', '--header-logo-bg'],
  ['--header-production-badge-text', '--header-production-badge-bg'],
  ['--banner-dark-text', '--banner-dark-bg'], ['--on-dark-button-text', '--on-dark-button-bg'],
  ['--on-dark-button-text', '--on-dark-button-hover'],
  ['--paper-text', '--paper-bg'], ['--paper-muted', '--paper-bg'], ['--paper-passed', '--paper-bg'],
  ['--paper-failed', '--paper-bg'], ['--paper-pending', '--paper-bg'],
];

// Focus rings, input borders and the production stripe on a row (3:1).
const uiPairs: [string, string][] = [
  ['--focus', '--surface'], ['--focus', '--bg'], ['--focus', '--focus-gap'], ['--focus', '--surface-sunken'],
  ['--focus', '--accent-soft'],
  ['--header-focus', '--header-bg'], ['--header-focus', '--header-production-bg'],
  ['--border-strong', '--surface'], ['--border-strong', '--bg'],
  ['--mode-production', '--surface'], ['--mode-production', '--bg'],
  ['--mode-connectivity', '--surface'],
  ['--header-production-border', '--header-production-bg'],
  ['--header-control-border', '--header-bg'],
];

describe.each(Object.entries(themes))('%s theme tokens', (_name, tokens) => {
  it.each(textPairs)('text %s on %s meets 4.5:1', (fg, bg) => {
    expect(contrast(resolve(tokens, fg), resolve(tokens, bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(uiPairs)('UI %s against %s meets 3:1', (fg, bg) => {
    expect(contrast(resolve(tokens, fg), resolve(tokens, bg))).toBeGreaterThanOrEqual(3);
  });

  it('keeps the production bar a saturated red, set apart from the ordinary header', () => {
    for (const name of ['--header-production-bg', '--mode-production']) {
      const [r, g, b] = rgb(resolve(tokens, name));
      expect(r, name).toBeGreaterThan(130);
      expect(r, name).toBeGreaterThan(3 * Math.max(g, b));
    }
    const [r, , b] = rgb(resolve(tokens, '--header-bg'));
    expect(r).toBeLessThanOrEqual(b);
  });
});

describe('colours live in tokens.css only', () => {
  it('no stylesheet or component writes a colour literal of its own', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(css|tsx?)$/.test(entry.name) && entry.name !== 'tokens.css') {
          readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
            const code = line.replace(/url\("data:[^"]*"\)/g, '');
            if (/#[0-9a-f]{3,8}\b(?![-\w])|\b(rgba?|hsla?)\(/i.test(code) && !/^\s*(\/\/|\*|\/\*)/.test(line)) {
              offenders.push(`${path}:${i + 1}: ${line.trim()}`);
            }
          });
        }
      }
    };
    walk(join(__dirname, '../../../src-renderer'));
    expect(offenders).toEqual([]);
  });

  it('every text colour a stylesheet sets is one whose contrast is checked above', () => {
    const checked = new Set(textPairs.map(([fg]) => fg));
    const unchecked = new Set<string>();
    for (const file of readdirSync(stylesDir)) {
      if (file === 'tokens.css') continue;
      for (const m of readFileSync(join(stylesDir, file), 'utf8').matchAll(/(?<![-\w])color:\s*var\((--[a-z0-9-]+)\)/g)) {
        if (!checked.has(m[1]!) && !m[1]!.startsWith('--r-')) unchecked.add(`${file}: ${m[1]}`);
      }
    }
    expect([...unchecked]).toEqual([]);
  });

  it('every var(--token) a stylesheet reads is defined', () => {
    const missing = new Set<string>();
    for (const file of readdirSync(stylesDir)) {
      for (const m of readFileSync(join(stylesDir, file), 'utf8').matchAll(/var\((--[a-z0-9-]+)/g)) {
        const local = new RegExp(`${m[1]}\\s*:`).test(readFileSync(join(stylesDir, file), 'utf8'));
        if (!light.has(m[1]!) && !local) missing.add(m[1]!);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
