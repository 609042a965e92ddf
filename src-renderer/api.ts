// The renderer's only door to main. `bridge/api.ts` (the shell's) picks window.api in Electron or the
// HTTP/SSE shim in web mode; everything in the renderer imports it from here.
export { api } from './bridge/api';
