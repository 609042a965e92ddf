// The tray icon and dock/taskbar badge: how many submissions are still PENDING and uploads held.
import { app, Menu, nativeImage, Tray, type BrowserWindow } from 'electron';
import type { EventPayloads } from '../../src-preload/contract';

function badgeText(counts: EventPayloads['badgeCounts']): string {
  const parts: string[] = [];
  if (counts.heldUploads > 0) parts.push(`${counts.heldUploads} held upload${counts.heldUploads === 1 ? '' : 's'} need attention`);
  if (counts.pendingSubmissions > 0) parts.push(`${counts.pendingSubmissions} submission${counts.pendingSubmissions === 1 ? '' : 's'} pending`);
  return parts.length ? `ECHA S2S Desktop: ${parts.join(', ')}` : 'ECHA S2S Desktop: nothing pending';
}

/** The number on the badge: what may need the user (held) plus what is still moving (pending). */
function badgeCount(counts: EventPayloads['badgeCounts']): number {
  return Math.max(0, counts.heldUploads) + Math.max(0, counts.pendingSubmissions);
}

export interface BadgeController {
  /** False on desktops without a tray: nothing to keep running in. */
  readonly hasTray: boolean;
  update(counts: EventPayloads['badgeCounts']): void;
  destroy(): void;
}

export function createBadge(iconPath: string, window: () => BrowserWindow | null, onSyncNow: () => void): BadgeController {
  let tray: Tray | null = null;
  try {
    tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
    tray.setToolTip(badgeText({ pendingSubmissions: 0, heldUploads: 0 }));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Show ECHA S2S Desktop', click: () => window()?.show() },
        { label: 'Sync now', click: onSyncNow },
        { type: 'separator' },
        { role: 'quit' },
      ]),
    );
    tray.on('click', () => window()?.show());
  } catch {
    // Some Linux desktops have no tray; the badge and the window title still carry the counts.
    tray = null;
  }
  return {
    get hasTray() {
      return tray !== null;
    },
    update(counts) {
      const n = badgeCount(counts);
      app.setBadgeCount(n);
      tray?.setToolTip(badgeText(counts));
      if (process.platform === 'darwin') tray?.setTitle(n > 0 ? String(n) : '');
      const win = window();
      if (win && !win.isDestroyed()) win.setTitle(n > 0 ? `ECHA S2S Desktop (${n})` : 'ECHA S2S Desktop');
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
