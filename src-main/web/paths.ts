// Where things are, for the web-mode CLI. Source (src-main/web/*.ts) and bundle (dist/web/serve.js)
// both sit two folders below the project root, so one rule serves both.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRODUCT_NAME = 'ECHA S2S Desktop';

export function projectRoot(moduleUrl: string = import.meta.url): string {
  return resolve(dirname(fileURLToPath(moduleUrl)), '..', '..');
}

/**
 * The same folder Electron uses as `app.getPath('userData')` (appData + productName), so the web
 * host and the desktop app share profiles, history and the outbox on one machine.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ECHA_S2S_DATA_DIR) return resolve(env.ECHA_S2S_DATA_DIR);
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}
