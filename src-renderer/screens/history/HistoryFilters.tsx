// The history's filters. Checkbox groups and dates apply at once; free text and the test run apply
// when the user pauses typing (and the test run only when it is a valid id).
import { useEffect, useMemo, useRef, useState } from 'react';
import { TestRunIdSchema, type HistoryFilter, type SubmissionKind, type SubmissionStatus } from '../../../src-preload/contract';
import type { ModeKind } from '../../../src-preload/domain';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { STATUS_LABELS } from '../../components/StatusPill';
import { useDebounced } from '../../lib/useDebounced';
import { check } from '../../lib/validate';
import { clientGroups } from '../../lib/entity-filter';
import { useProfiles } from '../../stores/profiles';

/** Option values for groups; profile ids never start so. */
const GROUP = 'group:';

const MODES: Array<{ id: ModeKind; label: string }> = [
  { id: 'production', label: 'Production' },
  { id: 'integration', label: 'Integration' },
  // Left out unless ticked: ECHA's dummy answers, pending forever by design.
  { id: 'connectivity', label: 'Connectivity tests' },
];
const STATUSES: SubmissionStatus[] = ['PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED'];
const KINDS: Array<{ id: SubmissionKind; label: string }> = [
  { id: 'dossier', label: 'Dossier' },
  { id: 'sbr', label: 'By reference' },
  { id: 'clp', label: 'C&L' },
];

function toggle<T>(list: readonly T[] | undefined, value: T): T[] {
  const l = list ?? [];
  return l.includes(value) ? l.filter((v) => v !== value) : [...l, value];
}

export function HistoryFilters({ filter, onChange }: { filter: HistoryFilter; onChange: (f: HistoryFilter) => void }) {
  const profiles = useProfiles((s) => s.profiles);
  const groups = useMemo(() => clientGroups(profiles), [profiles]);
  const [text, setText] = useState(filter.text ?? '');
  const [testRun, setTestRun] = useState(filter.testRun ?? '');
  const settledText = useDebounced(text, 250);
  const settledRun = useDebounced(testRun.trim(), 300);
  // Short on purpose: the filter bar has no room for the schema's full explanation.
  const runError = settledRun && check(TestRunIdSchema, settledRun) ? 'Not a test run id (e.g. acme-001)' : null;

  // Leaving the screen (or switching entity) within the debounce must not lose what was typed.
  const latest = useRef({ text, testRun, filter, onChange });
  latest.current = { text, testRun, filter, onChange };
  useEffect(
    () => () => {
      const { text: t, testRun: r, filter: f, onChange: commit } = latest.current;
      const run = r.trim();
      const nextRun = run && !check(TestRunIdSchema, run) ? run : f.testRun;
      if ((f.text ?? '') !== t || nextRun !== f.testRun) commit({ ...f, text: t || undefined, testRun: nextRun });
    },
    [],
  );

  // Another view's filter came in (entity switch, "clear"): show its values.
  useEffect(() => setText(filter.text ?? ''), [filter.text]);
  useEffect(() => setTestRun(filter.testRun ?? ''), [filter.testRun]);

  useEffect(() => {
    if ((filter.text ?? '') !== settledText) onChange({ ...filter, text: settledText || undefined });
  }, [settledText]);
  useEffect(() => {
    const next = settledRun && !runError ? settledRun : undefined;
    if (filter.testRun !== next) onChange({ ...filter, testRun: next });
  }, [settledRun, runError]);

  const active =
    Boolean(filter.text) ||
    Boolean(filter.testRun) ||
    Boolean(filter.modeKinds?.length) ||
    Boolean(filter.statuses?.length) ||
    Boolean(filter.kinds?.length) ||
    Boolean(filter.from) ||
    Boolean(filter.to) ||
    Boolean(filter.pendingTooLongOnly);

  return (
    <form className="filters" role="search" aria-label="Filter the history" onSubmit={(e) => e.preventDefault()}>
      <div className="filters__row">
        <Field label="Search" className="filters__search">
          {({ id }) => (
            <input
              id={id}
              className="input"
              type="search"
              placeholder="Number, file, dossier, UUID, UFI…"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={200}
            />
          )}
        </Field>
        <Field label="Legal entity">
          {({ id }) => (
            <select
              id={id}
              className="select"
              value={filter.clientGroup ? GROUP + filter.clientGroup : (filter.profileId ?? '')}
              onChange={(e) => {
                const v = e.target.value;
                const group = v.startsWith(GROUP) ? v.slice(GROUP.length) : undefined;
                onChange({ ...filter, profileId: group || !v ? undefined : v, clientGroup: group });
              }}
            >
              <option value="">All legal entities</option>
              {groups.map((g) => (
                <option key={g.name} value={GROUP + g.name}>
                  {`Group: ${g.name} (${g.entities} ${g.entities === 1 ? 'entity' : 'entities'})`}
                </option>
              ))}
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Test run" error={runError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input input--mono input--narrow"
              value={testRun}
              placeholder="acme-001"
              onChange={(e) => setTestRun(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              spellCheck={false}
            />
          )}
        </Field>
        <DateInput label="From" value={filter.from} max={filter.to} onChange={(from) => onChange({ ...filter, from })} />
        <DateInput label="To" value={filter.to} min={filter.from} onChange={(to) => onChange({ ...filter, to })} />
      </div>
      <div className="filters__row">
        <fieldset className="chip-group">
          <legend>Status</legend>
          {STATUSES.map((s) => (
            <label key={s} className="chip">
              <input type="checkbox" checked={filter.statuses?.includes(s) ?? false} onChange={() => onChange({ ...filter, statuses: toggle(filter.statuses, s) })} />
              <span>{STATUS_LABELS[s]}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="chip-group">
          <legend>Mode</legend>
          {MODES.map((m) => (
            <label key={m.id} className={`chip chip--${m.id}`}>
              <input type="checkbox" checked={filter.modeKinds?.includes(m.id) ?? false} onChange={() => onChange({ ...filter, modeKinds: toggle(filter.modeKinds, m.id) })} />
              <span>{m.label}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="chip-group">
          <legend>Type</legend>
          {KINDS.map((k) => (
            <label key={k.id} className="chip">
              <input type="checkbox" checked={filter.kinds?.includes(k.id) ?? false} onChange={() => onChange({ ...filter, kinds: toggle(filter.kinds, k.id) })} />
              <span>{k.label}</span>
            </label>
          ))}
        </fieldset>
        {active && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setText('');
              setTestRun('');
              onChange({ profileId: filter.profileId, clientGroup: filter.clientGroup });
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
