// Client report: for one entity or a client group and a period, the report a consultant sends to the
// client — on screen as a preview, and as a PDF (Electron prints it to a file; in a browser the print
// dialog's "Save as PDF"), through the same print stylesheet. Only the report itself is printed.
import { useEffect, useMemo, useState } from 'react';
import type { AppError, ClientReport, ClientReportArgs, Profile } from '../../../src-preload/contract';
import { api } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { ScreenHeader } from '../../components/ScreenHeader';
import { safeCall } from '../../lib/call';
import { clientGroups } from '../../lib/entity-filter';
import { useApp } from '../../stores/app';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';
import { PERIOD_PRESETS, PRESET_LABELS, dayOf, periodInstants, presetDays, type PeriodPreset } from './period';
import { ReportDocument } from './ReportDocument';

type ScopeChoice = `entity:${string}` | `group:${string}`;

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ReportScreen({ profile }: { profile: Profile }) {
  const profiles = useProfiles((s) => s.profiles);
  const sorted = useMemo(() => [...profiles].sort((a, b) => a.displayName.localeCompare(b.displayName, undefined, { numeric: true })), [profiles]);
  // The same group rule as main and the picker: trimmed, case and accents ignored.
  const groups = useMemo(() => clientGroups(profiles).map((g) => g.name), [profiles]);
  const [scope, setScope] = useState<ScopeChoice>(`entity:${profile.id}`);
  const [modeKind, setModeKind] = useState<ClientReportArgs['modeKind']>(profile.mode.kind === 'production' ? 'production' : 'integration');
  const [preset, setPreset] = useState<PeriodPreset>('last-month');
  const initial = presetDays('last-month', new Date());
  const [first, setFirst] = useState(initial.first);
  const [last, setLast] = useState(initial.last);
  const [report, setReport] = useState<ClientReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [running, setRunning] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const host = useApp((s) => s.info?.host);

  const days = preset === 'custom' ? { first, last } : presetDays(preset, new Date());
  const period = periodInstants(days.first, days.last);

  async function create() {
    if ('error' in period) return;
    setRunning(true);
    setSaved(null);
    const [kind, ...rest] = scope.split(':');
    const value = rest.join(':');
    const args: ClientReportArgs = {
      scope: kind === 'group' ? { kind: 'group', name: value } : { kind: 'entity', profileId: value },
      from: period.from,
      to: period.to,
      modeKind,
      zone: zone(),
    };
    const r = await safeCall(() => api.getClientReport(args));
    setRunning(false);
    if (r.ok) {
      setReport(r.value);
      setError(null);
    } else setError(r.error);
  }

  // The first report is there when the screen opens: last month, this entity (once, with the defaults).
  useEffect(() => {
    void create();
  }, []);

  async function savePdf() {
    if (!report) return;
    const r = await safeCall(() => api.saveReportPdf({ title: `${report.title} ${days.first} to ${days.last}` }));
    if (!r.ok) {
      useUi.getState().pushToast({ level: 'error', title: 'The PDF was not saved', body: r.error.message, target: { kind: 'none' } });
      return;
    }
    if (r.value.state === 'saved') setSaved(r.value.path);
  }

  return (
    <section className="report-screen">
      <ScreenHeader
        title="Client report"
        actions={
          <button type="button" className="button button--primary" onClick={() => void savePdf()} disabled={!report || running}>
            Save as PDF…
          </button>
        }
      >
        <p>
          What was notified for a client over a period, with charts, ready to send. {host === 'web' ? 'In the print dialog, choose “Save as PDF”.' : ''}
        </p>
      </ScreenHeader>
      <form
        className="form panel report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="report-form__row">
          <Field label="Client">
            {({ id }) => (
              <select id={id} className="select" value={scope} onChange={(e) => setScope(e.target.value as ScopeChoice)}>
                <optgroup label="Legal entities">
                  {sorted.map((p) => (
                    <option key={p.id} value={`entity:${p.id}`}>
                      {p.displayName}
                    </option>
                  ))}
                </optgroup>
                {groups.length > 0 && (
                  <optgroup label="Client groups (every entity in the group)">
                    {groups.map((g) => (
                      <option key={g} value={`group:${g}`}>
                        {g}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            )}
          </Field>
          <Field label="Period">
            {({ id }) => (
              <select
                id={id}
                className="select"
                value={preset}
                onChange={(e) => {
                  const next = e.target.value as PeriodPreset;
                  if (next === 'custom' && preset !== 'custom') {
                    setFirst(days.first);
                    setLast(days.last);
                  }
                  setPreset(next);
                }}
              >
                {PERIOD_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {PRESET_LABELS[p]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {preset === 'custom' && (
            <>
              <Field label="From" error={'error' in period ? period.error : null}>
                {({ id, describedBy, invalid }) => (
                  <input id={id} type="date" className="input" value={first} max={dayOf(new Date())} onChange={(e) => setFirst(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
                )}
              </Field>
              <Field label="To">
                {({ id }) => <input id={id} type="date" className="input" value={last} onChange={(e) => setLast(e.target.value)} />}
              </Field>
            </>
          )}
          <fieldset className="choice-list choice-list--inline">
            <legend>Submissions</legend>
            <label className="choice">
              <input type="radio" name="report-mode" checked={modeKind === 'production'} onChange={() => setModeKind('production')} />
              <span>Production</span>
            </label>
            <label className="choice">
              <input type="radio" name="report-mode" checked={modeKind === 'integration'} onChange={() => setModeKind('integration')} />
              <span>Integration tests</span>
            </label>
          </fieldset>
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={running || 'error' in period}>
            {running ? 'Creating the report…' : 'Create report'}
          </button>
          <span aria-live="polite" className="muted">
            {saved ? `Saved as ${saved}` : ''}
          </span>
        </div>
      </form>
      {error && <ErrorPanel error={error} />}
      {!report && !error && (
        <p className="muted" role="status">
          Creating the report…
        </p>
      )}
      {report && <ReportDocument report={report} />}
    </section>
  );
}
