// The application menu: the usual roles plus the app's own commands, which are carried out by the
// renderer (sent as `menuCommand` events) so menu and UI always do the same thing.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-preload/contract';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** DevTools and reload only in development builds. */
  isPackaged: boolean;
  send(command: MenuCommand): void;
  openEchaHelp(): void;
  /** Opens the app's log folder in the file manager. */
  showLogs(): void;
  /** Help → Check for Updates… (says what it found). */
  checkForUpdates?(): void;
}

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => o.send(command),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (o.isMac) {
    template.push({
      label: o.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        cmd('Settings…', 'show-settings', 'Cmd+,'),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      cmd('Open Dossiers…', 'open-dossiers', 'CmdOrCtrl+O'),
      cmd('New Legal Entity…', 'new-profile', 'CmdOrCtrl+N'),
      { type: 'separator' },
      cmd('Export to CSV…', 'export-csv', 'CmdOrCtrl+E'),
      ...(o.isMac ? [] : [{ type: 'separator' } as const, cmd('Settings…', 'show-settings', 'Ctrl+,'), { type: 'separator' } as const, { role: 'quit' } as const]),
      ...(o.isMac ? [{ type: 'separator' } as const, { role: 'close' } as const] : []),
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      cmd('Submit', 'show-submit', 'CmdOrCtrl+1'),
      cmd('Outbox', 'show-outbox', 'CmdOrCtrl+2'),
      cmd('History', 'show-history', 'CmdOrCtrl+3'),
      { type: 'separator' },
      cmd('Sync Now', 'sync-now', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(o.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [
      cmd('Try with the Local Sandbox', 'try-local-sandbox'),
      { type: 'separator' },
      { label: 'ECHA Submission Portal Help', click: () => o.openEchaHelp() },
      { type: 'separator' },
      { label: 'Show Logs', click: () => o.showLogs() },
      cmd('Save Diagnostics…', 'save-diagnostics'),
      ...(o.checkForUpdates ? [{ type: 'separator' } as const, { label: 'Check for Updates…', click: () => o.checkForUpdates?.() }] : []),
    ],
  });
  return template;
}
