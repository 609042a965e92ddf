// One Save for the Settings screen: each part (the legal entity, the application with its network
// section) registers what it has unsaved, whether it can be saved, and how to save or drop it. The
// screen's save bar saves them in turn and says in one sentence what was saved and what was not.
import { createContext, useContext, useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';

export interface SectionOutcome {
  /** Nothing to save / saved / refused (the section shows why on its fields or in its panel). */
  result: 'unchanged' | 'saved' | 'failed';
  /** A sentence to add after "Saved." (e.g. production locked again). */
  note?: string;
}

export interface SaveSection {
  /** Named in messages: "the legal entity", "the application settings". */
  label: string;
  dirty: boolean;
  valid: boolean;
  save(): Promise<SectionOutcome>;
  discard(): void;
}

export interface SaveSections {
  register(id: string, section: SaveSection | null): void;
  /** The screen's Save (Enter in any field of a section does the same). */
  submit(): void;
}

export const SaveSectionsContext = createContext<SaveSections | null>(null);

/**
 * A section's <form> props: Enter in one of its text fields saves the whole screen (a form without a
 * submit button of its own is not submitted by Enter when it has several fields).
 */
export function useSectionForm(): { onSubmit(e: FormEvent): void; onKeyDown(e: KeyboardEvent): void } {
  const submit = useContext(SaveSectionsContext)?.submit;
  return {
    onSubmit(e) {
      e.preventDefault();
      submit?.();
    },
    onKeyDown(e) {
      const t = e.target;
      if (e.key !== 'Enter' || !(t instanceof HTMLInputElement) || ['checkbox', 'radio', 'button', 'submit', 'file'].includes(t.type)) return;
      e.preventDefault();
      submit?.();
    },
  };
}

/** Registers a part of the settings screen with the screen's one Save. */
export function useSaveSection(id: string, section: SaveSection): void {
  const register = useContext(SaveSectionsContext)?.register;
  const latest = useRef(section);
  latest.current = section;
  const { label, dirty, valid } = section;
  useEffect(() => {
    register?.(id, { label, dirty, valid, save: () => latest.current.save(), discard: () => latest.current.discard() });
  }, [register, id, label, dirty, valid]);
  useEffect(() => () => register?.(id, null), [register, id]);
}

/** The one sentence after a Save of every section, in the order they were saved. */
export function saveSummary(outcomes: ReadonlyArray<{ label: string; outcome: SectionOutcome }>): string {
  const saved = outcomes.filter((o) => o.outcome.result === 'saved');
  const failed = outcomes.filter((o) => o.outcome.result === 'failed');
  const notes = outcomes.map((o) => o.outcome.note).filter((n): n is string => !!n);
  const names = (list: typeof outcomes) => list.map((o) => o.label).join(' and ');
  if (failed.length === 0) return saved.length === 0 ? 'Nothing changed.' : ['Saved.', ...notes].join(' ');
  return [saved.length > 0 ? `Saved ${names(saved)}.` : '', `Not saved: ${names(failed)} (see the messages there).`, ...notes].filter(Boolean).join(' ');
}
