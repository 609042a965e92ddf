// Our own origin in Electron: the renderer is served from a privileged custom scheme rather than
// file://, so 'self' in the CSP means exactly our bundle and nothing else on disk.
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True when `raw` is a URL of our own bundle. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The appId of electron-builder.yml: Windows shows notifications and groups the taskbar under it. */
export const APP_USER_MODEL_ID = 'eu.s2s-desktop.echa';
