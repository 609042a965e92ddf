import { describe, expect, it } from 'vitest';
import type { ElectronHostHooks } from '../../../src-main/electron/app';
import { createServices } from '../../../src-main/compose';

describe('compose', () => {
  it('fits the Electron host\'s hook signature (tests replace createServices there with a fake)', () => {
    const asHook: NonNullable<ElectronHostHooks['createServices']> = createServices;
    expect(typeof asHook).toBe('function');
  });
});
