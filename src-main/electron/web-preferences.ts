// The webPreferences of the one window. Each line is a security decision; the unit test pins them.
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The page and the preload live in separate JS worlds; only contextBridge crosses.
    contextIsolation: true,
    // The renderer process runs in Chromium's OS sandbox; the preload gets no Node beyond electron's bridge.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // DevTools stay available (F12/menu only when not packaged, see menu.ts); the page cannot open them.
    devTools: true,
  };
}
