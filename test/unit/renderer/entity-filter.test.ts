import { describe, expect, it } from 'vitest';
import { bareName, filterEntities, type PickerEntity } from '../../../src-renderer/lib/entity-filter';

const e = (displayName: string, clientGroup: string | null = null, mode: PickerEntity['mode'] = { kind: 'connectivity' }): PickerEntity => ({
  id: displayName,
  displayName,
  clientGroup,
  leUuid: `ECHA-${'0'.repeat(8)}-0000-0000-0000-${String(displayName.length).padStart(12, '0')}`,
  mode,
  endpoint: 'echa',
});

describe('filterEntities', () => {
  const all = [e('Zeta Oy'), e('Müller Lacke GmbH', 'Nordic Group'), e('alpha AB', null, { kind: 'production' }), e('Client 10'), e('Client 9')];

  it('sorts by name, case-insensitively and numbers as numbers, when nothing is typed', () => {
    expect(filterEntities(all, '  ').map((p) => p.displayName)).toEqual(['alpha AB', 'Client 9', 'Client 10', 'Müller Lacke GmbH', 'Zeta Oy']);
  });

  it('matches every typed word in the name, the client group or the UUID, ignoring case and accents', () => {
    expect(filterEntities(all, 'muller').map((p) => p.displayName)).toEqual(['Müller Lacke GmbH']);
    expect(filterEntities(all, 'nordic lacke').map((p) => p.displayName)).toEqual(['Müller Lacke GmbH']);
    expect(filterEntities(all, 'nordic zeta')).toEqual([]);
    expect(filterEntities(all, 'CLIENT').map((p) => p.displayName)).toEqual(['Client 9', 'Client 10']);
    expect(filterEntities(all, '000000000008')).toHaveLength(2);
  });

  it('does not change the input list', () => {
    const copy = [...all];
    filterEntities(all, 'a');
    expect(all).toEqual(copy);
  });
});

describe('bareName', () => {
  it('drops one trailing sandbox suffix and keeps other names as they are', () => {
    expect(bareName('Demo Chemicals Oy (local sandbox)')).toBe('Demo Chemicals Oy');
    expect(bareName('Demo Chemicals Oy (sandbox)')).toBe('Demo Chemicals Oy');
    expect(bareName('Sandbox Systems (UK) Ltd')).toBe('Sandbox Systems (UK) Ltd');
    expect(bareName('(local sandbox)')).toBe('(local sandbox)');
  });
});
