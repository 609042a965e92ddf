// Native desktop notifications for what the services announce (passed, failed, downloaded, held).
import { Notification, type BrowserWindow } from 'electron';
import type { AppNotification } from '../../src-preload/contract';

export function showNativeNotification(n: AppNotification, window: () => BrowserWindow | null): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title: n.title, body: n.body, silent: n.level === 'info' });
  notification.on('click', () => {
    const win = window();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  notification.show();
  return true;
}
