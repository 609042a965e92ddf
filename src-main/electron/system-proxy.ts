// The Electron host's "system" proxy: Chromium's own answer for each request URL (PAC files, WPAD,
// the OS proxy settings), turned into the transport's decision by the pure mapping in echa/. Kept
// here so that echa/ never imports electron.
import type { SystemProxyResolver } from '../echa/transport-route';
import { decisionFromPac } from '../echa/transport-proxy';

/** The part of Electron's Session this needs (a fake in tests). */
export interface ProxyResolvingSession {
  resolveProxy(url: string): Promise<string>;
}

export function electronSystemProxy(session: ProxyResolvingSession): SystemProxyResolver {
  return async (url) => decisionFromPac(await session.resolveProxy(url));
}
