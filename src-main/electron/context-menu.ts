// Electron has no context menu of its own: right-click in a field offers cut/copy/paste/select all,
// right-click on selected text offers copy. What the menu holds is decided by a pure function of what
// Chromium says about the click; the app's own copy actions are buttons in the page (both hosts).
import { Menu, type BrowserWindow, type ContextMenuParams, type MenuItemConstructorOptions, type WebContents } from 'electron';

export type ContextFacts = Pick<ContextMenuParams, 'isEditable' | 'selectionText'> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
};

/** The menu for a right-click; empty: no menu at all. */
export function contextMenuTemplate(p: ContextFacts): MenuItemConstructorOptions[] {
  if (p.isEditable) {
    return [
      { role: 'cut', enabled: p.editFlags.canCut },
      { role: 'copy', enabled: p.editFlags.canCopy },
      { role: 'paste', enabled: p.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: p.editFlags.canSelectAll },
    ];
  }
  if (p.selectionText.trim() !== '') return [{ role: 'copy', enabled: p.editFlags.canCopy }];
  return [];
}

export function attachContextMenu(contents: Pick<WebContents, 'on'>, window: () => BrowserWindow | null): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params);
    if (template.length === 0) return;
    const win = window();
    Menu.buildFromTemplate(template).popup(win ? { window: win } : {});
  });
}
