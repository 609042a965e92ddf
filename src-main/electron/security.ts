// Everything that keeps the window's content from reaching further than the contract: navigation and
// popups denied (ECHA portal links go to the system browser after the allow-list check), webviews
// refused, every permission denied, the CSP sent as a header, and IPC accepted only from our frame.
import { shell, type Session, type WebContents, type WebFrameMain } from 'electron';
import { isAllowedExternalUrl } from '../../src-preload/domain';
import { RENDERER_CSP } from '../ipc/csp';
import { isAppUrl } from './origin';

/** Open an ECHA portal link in the system browser; anything else is ignored. Returns whether it opened. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  // Hand the OS the URL exactly as it was checked (WHATWG-normalised), never the raw string: a handler
  // that parses `https://echa.europa.eu\@evil.example` or stray whitespace differently must not see it.
  void shell.openExternal(new URL(url).href);
  return true;
}

/** Applied to every webContents the app ever creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    // Our own single-page app never navigates; a link to ECHA opens outside, nothing opens inside.
    event.preventDefault();
    if (!isAppUrl(url)) openExternalIfAllowed(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** The one permission granted: clipboard writes (sanitised text) by a page of our own bundle. */
export function isAllowedPermission(permission: string, url: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(url);
}

export function hardenSession(session: Session): void {
  // No camera, microphone, notifications-by-page, geolocation, clipboard-read, HID, serial, USB...
  // Only writing text to the clipboard (the page's copy buttons), and only by our own bundle.
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, (details as { requestingUrl?: string } | undefined)?.requestingUrl ?? '')),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin ?? ''));
  session.setDevicePermissionHandler(() => false);
  // The protocol handler sets the CSP too; this covers any response that does not come through it.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  // Downloads are not something the page may start (exports are written by main).
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * IPC is accepted only from the main frame of our own window showing our own bundle: not from a
 * sub-frame, not from another window, not after the page navigated somewhere else.
 */
export function isTrustedSender(frame: WebFrameMain | null | undefined, ownContents: WebContents | null | undefined): boolean {
  if (!frame || !ownContents || ownContents.isDestroyed()) return false;
  if (frame !== ownContents.mainFrame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
