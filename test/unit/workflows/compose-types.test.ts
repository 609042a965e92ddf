import { describe, expect, it } from 'vitest';
import type { CreateServices } from '../../../src-main/ipc/compose-loader';
import { createServices } from '../../../src-main/compose';

describe('compose', () => {
  it('fits the hosts\' loader signature (the hosts call it with ComposeOptions)', () => {
    const asLoaded: CreateServices = createServices;
    expect(typeof asLoaded).toBe('function');
  });
});
