// The JSON error locator must agree with JSON.parse on what is valid, or broken files would be
// reported at a wrong place (or valid ones called broken).
import { describe, expect, it } from 'vitest';
import { seeded } from '../../fixtures/seeded';
import { jsonErrorLocation, jsonErrorOffset } from '../../../src-main/settings/json-position';

const valid = [
  '{}', '[]', '0', '-0.5e+3', '"a\\u00e9\\n"', 'true', 'null', ' { "a" : [1, 2, {"b": false}], "c": "x" } ',
  JSON.stringify({ schemaVersion: 1, profiles: [{ id: 'x', n: [1, 2.5, -3e-2], s: 'é"\\\n' }], settings: {} }, null, 2),
];
const invalid: Array<[string, number]> = [
  ['', 0], ['{', 1], ['{"a":}', 5], ['{"a":1,}', 7], ['[1 2]', 3], ['{"a" 1}', 5], ["{'a':1}", 1],
  ['{"a":01}', 6], ['"abc', 4], ['"a\tb"', 2], ['tru', 0], ['{} x', 3], ['{"a":"\\x"}', 6], ['[1,]', 3], ['NaN', 0],
];

describe('jsonErrorOffset', () => {
  it.each(valid)('finds no error in valid JSON %#', (text) => {
    expect(jsonErrorOffset(text)).toBe(-1);
  });

  it.each(invalid)('finds the first error in %j at %i', (text, at) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(at);
  });

  it('agrees with JSON.parse on many mutations of a real settings document', () => {
    const base = valid[valid.length - 1] as string;
    const rnd = seeded(7);
    const alphabet = '{}[]:,"\\ 0123456789-.eEtrufalsn\n';
    for (let k = 0; k < 3000; k++) {
      const chars = base.split('');
      const edits = 1 + rnd(3);
      for (let e = 0; e < edits; e++) {
        const at = rnd(chars.length);
        const op = rnd(3);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, alphabet[rnd(alphabet.length)] as string);
        else chars[at] = alphabet[rnd(alphabet.length)] as string;
      }
      const text = chars.join('');
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(jsonErrorOffset(text) === -1, text).toBe(parses);
    }
  });

  it('reports line and column', () => {
    expect(jsonErrorLocation('{\n  "a": 1,\n  "b": x\n}')).toBe(' (line 3, column 8)');
    expect(jsonErrorLocation('{}')).toBe('');
  });
});
