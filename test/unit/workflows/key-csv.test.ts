import { describe, expect, it } from 'vitest';
import { keyHint, parseKeyCsv, readCsvRecords } from '../../../src-main/workflows/key-csv';

const KEY = 'c2FuZGJveC1kZW1vLWtleS1ub3Qtc2VjcmV0LWZvci10ZXN0aW5nLW9ubHk';
const LE = 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e';

describe('readCsvRecords', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, guessing the delimiter', () => {
    expect(readCsvRecords('\uFEFFa,"b,c","d ""e"""\r\n1,2,3\r\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(readCsvRecords('x;y\n1;2')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });
});

describe('parseKeyCsv', () => {
  it('reads columns by their header names', () => {
    const csv = `Legal entity name,Legal entity UUID,Username,API key\r\n"Demo Chemicals Oy",${LE},demo-s2s-user,${KEY}\r\n`;
    expect(parseKeyCsv(csv)).toEqual({ key: KEY, leUuid: LE, legalEntityName: 'Demo Chemicals Oy', username: 'demo-s2s-user' });
  });

  it('falls back on the shapes of the cells when there is no header', () => {
    expect(parseKeyCsv(`${LE};${KEY}`)).toMatchObject({ key: KEY, leUuid: LE });
    expect(parseKeyCsv(KEY)).toMatchObject({ key: KEY, leUuid: null });
  });

  it('finds no key in a file without one', () => {
    expect(parseKeyCsv('name,uuid\nAcme,not-a-uuid').key).toBeNull();
  });

  it('hints at a key with its last 4 characters only', () => {
    expect(keyHint(KEY)).toBe('…ubHk');
    expect(keyHint(KEY)).not.toContain(KEY.slice(0, 10));
  });
});
