// The header's legal-entity picker: a button naming the active entity that opens a searchable list.
// Safety first: arrow keys only move the highlight; nothing switches until Enter or a click, so a
// keyboard user cannot pass through an entity in PRODUCTION by accident (the old <select> switched on
// every ArrowDown). "Add a legal entity" is its own button, never an entry in the list.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Profile } from '../../src-preload/contract';
import { bareName, filterEntities } from '../lib/entity-filter';
import { formatCount } from '../lib/format';
import { ModeBadge } from './ModeBadge';

export function EntityPicker({
  profiles,
  active,
  onSwitch,
  onAdd,
}: {
  profiles: readonly Profile[];
  active: Profile;
  onSwitch: (profileId: string) => void;
  onAdd: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => filterEntities(profiles, query), [profiles, query]);
  const current = Math.min(highlight, shown.length - 1);

  const openPicker = () => {
    setQuery('');
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  // Start on the active entity, so Enter right away changes nothing.
  useEffect(() => {
    if (!open) return;
    setHighlight(Math.max(0, shown.findIndex((p) => p.id === active.id)));
    inputRef.current?.focus();
    // Only when opening: typing resets the highlight itself.
  }, [open]);

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, current]);

  // A click elsewhere closes the list without switching.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const choose = (p: Profile | undefined) => {
    if (!p) return;
    close(true);
    if (p.id !== active.id) onSwitch(p.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setHighlight(Math.min(last, current + 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setHighlight(Math.max(0, current - 1));
        break;
      case 'PageDown':
        e.preventDefault();
        setHighlight(Math.min(last, current + 10));
        break;
      case 'PageUp':
        e.preventDefault();
        setHighlight(Math.max(0, current - 10));
        break;
      case 'Home':
        if (e.ctrlKey) {
          e.preventDefault();
          setHighlight(0);
        }
        break;
      case 'End':
        if (e.ctrlKey) {
          e.preventDefault();
          setHighlight(last);
        }
        break;
      case 'Enter':
        e.preventDefault();
        choose(shown[current]);
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        break;
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const sandboxTag = active.endpoint === 'local-sandbox';

  return (
    <div className="entity-picker" ref={rootRef}>
      <span className="app-header__label" id={`${id}-label`}>
        Legal entity
      </span>
      <button
        ref={buttonRef}
        type="button"
        className="entity-picker__button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-labelledby={`${id}-label ${id}-current`}
        title={`${active.displayName} — ${active.leUuid}`}
        onClick={() => (open ? close(false) : openPicker())}
      >
        <span id={`${id}-current`} className="entity-picker__current">
          {bareName(active.displayName)}
          {sandboxTag && <span className="entity-picker__tag"> local sandbox</span>}
        </span>
        <span className="entity-picker__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="entity-picker__popover" role="dialog" aria-label="Switch legal entity" onBlur={(e) => {
          if (e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) close(false);
        }}>
          <input
            ref={inputRef}
            className="input entity-picker__search"
            type="text"
            role="combobox"
            aria-label="Find a legal entity"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown.length ? optionId(current) : undefined}
            aria-describedby={`${id}-count`}
            placeholder="Type a name, client group or UUID"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setHighlight(0);
            }}
            onKeyDown={onKeyDown}
          />
          <p id={`${id}-count`} className="entity-picker__count" role="status">
            {query.trim()
              ? `${formatCount(shown.length)} of ${formatCount(profiles.length)} legal entities match`
              : `${formatCount(profiles.length)} legal ${profiles.length === 1 ? 'entity' : 'entities'} · Enter switches, arrows only move`}
          </p>
          <ul ref={listRef} id={listId} role="listbox" aria-label="Legal entities" className="entity-picker__list">
            {shown.map((p, i) => (
              <li
                key={p.id}
                id={optionId(i)}
                data-index={i}
                role="option"
                aria-selected={i === current}
                aria-current={p.id === active.id ? 'true' : undefined}
                className={`entity-picker__option${i === current ? ' is-highlighted' : ''}${p.id === active.id ? ' is-active' : ''}`}
                onMouseMove={() => i !== current && setHighlight(i)}
                onClick={() => choose(p)}
              >
                <span className="entity-picker__name">
                  {bareName(p.displayName)}
                  {p.id === active.id && <span className="visually-hidden"> (current)</span>}
                </span>
                <ModeBadge mode={p.mode} size="small" />
                <span className="entity-picker__meta">
                  {p.clientGroup && <span className="entity-picker__group">{p.clientGroup}</span>}
                  {p.endpoint === 'local-sandbox' && <span className="entity-picker__sandbox">local sandbox</span>}
                  <span className="mono">{p.leUuid}</span>
                </span>
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="entity-picker__empty">No legal entity matches “{query.trim()}”.</p>}
          <div className="entity-picker__actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                close(false);
                onAdd();
              }}
            >
              Add a legal entity…
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
