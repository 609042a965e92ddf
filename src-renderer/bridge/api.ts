// The one `api` the renderer uses. In Electron the preload has put `window.api` there (contextBridge);
// in a browser (web mode) the shim implements the same type over HTTP + SSE.
import type { Api } from '../../src-preload/contract';
import { createWebApi } from './web-api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    readonly api?: Api;
  }
}

export const api: Api = window.api ?? createWebApi();

export type { Api };
