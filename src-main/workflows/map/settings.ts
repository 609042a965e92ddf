// What the renderer sees of the stored settings: the fields of the shared SettingsSchema, under the
// same names (src-preload/settings.ts), without what only main uses (connect timeout, network). Pure.
import { SettingsSchema, type Settings } from '../../../src-preload/settings';
import type { GlobalSettings } from '../../settings/schema';

const SHOWN = Object.keys(SettingsSchema.shape) as Array<keyof Settings>;

/** Picks the shown fields (a field main adds later stays in main unless the shared schema names it). */
export function toContractSettings(g: GlobalSettings): Settings {
  return Object.fromEntries(SHOWN.map((key) => [key, structuredClone(g[key])])) as Settings;
}
