// The right-click menu (electron mocked): edit roles in fields, copy on selected text, nothing
// elsewhere; and the one permission our own page gets, writing text to the clipboard.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

import { electronState } from './electron-mock';
import { attachContextMenu, contextMenuTemplate, type ContextFacts } from '../../../src-main/electron/context-menu';
import { isAllowedPermission } from '../../../src-main/electron/security';

const facts = (over: Partial<ContextFacts> = {}): ContextFacts => ({
  isEditable: false,
  selectionText: '',
  editFlags: { canCut: false, canCopy: false, canPaste: false, canSelectAll: false },
  ...over,
});

beforeEach(() => electronState.reset());

describe('context menu', () => {
  it('in a field: cut, copy, paste, select all, each enabled as Chromium says', () => {
    const t = contextMenuTemplate(facts({ isEditable: true, editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } }));
    expect(t).toEqual([
      { role: 'cut', enabled: false },
      { role: 'copy', enabled: false },
      { role: 'paste', enabled: true },
      { type: 'separator' },
      { role: 'selectAll', enabled: true },
    ]);
  });

  it('on selected text: copy; on nothing in particular: no menu', () => {
    expect(contextMenuTemplate(facts({ selectionText: 'AAD678032-54', editFlags: { canCut: false, canCopy: true, canPaste: false, canSelectAll: true } }))).toEqual([
      { role: 'copy', enabled: true },
    ]);
    expect(contextMenuTemplate(facts({ selectionText: '  ' }))).toEqual([]);
    expect(contextMenuTemplate(facts())).toEqual([]);
  });

  it('pops the menu up over the window on right-click, and nothing when there is nothing to offer', () => {
    const contents = new EventEmitter();
    const win = { id: 1 };
    attachContextMenu(contents as never, () => win as never);
    contents.emit('context-menu', {}, facts());
    expect(electronState.popups).toEqual([]);
    contents.emit('context-menu', {}, facts({ selectionText: 'AAD678032-54', editFlags: { canCut: false, canCopy: true, canPaste: false, canSelectAll: true } }));
    expect(electronState.popups).toEqual([[[{ role: 'copy', enabled: true }], { window: win }]]);
  });
});

describe('permissions', () => {
  it('grants only clipboard writes, and only to our own bundle', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://renderer')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', '')).toBe(false);
    for (const p of ['clipboard-read', 'media', 'notifications', 'openExternal']) expect(isAllowedPermission(p, 'app://renderer/index.html')).toBe(false);
  });
});
