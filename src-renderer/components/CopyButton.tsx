// "Copy submission number" / "Copy dossier UUID": a button, so it works with the mouse, the keyboard
// and in web mode, where there is no native context menu. Says "Copied" for a moment, politely.
import { useEffect, useState, type MouseEvent } from 'react';
import { copyText } from '../lib/clipboard';
import { useUi } from '../stores/ui';

export function CopyButton({ text, label, compact = false, tabIndex }: { text: string; label: string; compact?: boolean; tabIndex?: number }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  // "Copy dossier UUID" -> "Dossier UUID copied".
  const done = `${label.replace(/^Copy /, '').replace(/^./, (c) => c.toUpperCase())} copied`;
  const onClick = async (e: MouseEvent) => {
    // Inside a history row: copying is not opening the submission.
    e.stopPropagation();
    if (await copyText(text)) setCopied(true);
    else useUi.getState().pushToast({ level: 'error', title: 'Not copied', body: `The clipboard refused it. ${label.replace(/^Copy /, 'The ')}: ${text}`, target: { kind: 'none' } });
  };
  return (
    <>
      <button
        type="button"
        className={compact ? 'copy-button copy-button--compact' : 'button'}
        onClick={(e) => void onClick(e)}
        aria-label={compact ? `${label} ${text}` : undefined}
        title={compact ? label : undefined}
        {...(tabIndex !== undefined ? { tabIndex } : {})}
      >
        {/* The compact glyph is drawn by CSS: the cell's text stays the number alone (what a copy of the row gives). */}
        {compact ? <span aria-hidden="true" className={`copy-button__glyph${copied ? ' copy-button__glyph--done' : ''}`} /> : copied ? `${done} ✓` : label}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {copied ? done : ''}
      </span>
    </>
  );
}
