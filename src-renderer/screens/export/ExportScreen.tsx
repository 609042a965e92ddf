import { useEffect, useState } from 'react';
import type { AppError, CsvDelimiter, CsvLayout, Profile } from '../../../src-preload/contract';
import { CsvSeparatorSelect, effectiveDelimiter } from '../../components/CsvSeparatorSelect';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../components/ProgressBar';
import { ScreenHeader } from '../../components/ScreenHeader';
import { describeFilter } from '../../lib/describe-filter';
import { displayTimeZone, formatCount, plural } from '../../lib/format';
import { useApp } from '../../stores/app';
import { cleanFilter, useHistory } from '../../stores/history';
import { useExports } from '../../stores/exports';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';
import { useHistoryQuery } from '../history/HistoryScreen';

export function ExportScreen({ profile }: { profile: Profile }) {
  const query = useHistoryQuery(profile);
  const profiles = useProfiles((s) => s.profiles);
  const settings = useApp((s) => s.settings);
  const counts = useHistory((s) => s.counts);
  const shownKey = useHistory((s) => s.key);
  const { running, progress, outcome, error } = useExports();
  const go = useUi((s) => s.go);
  const [layout, setLayout] = useState<CsvLayout>('submissions');
  const [delimiterError, setDelimiterError] = useState<AppError | null>(null);

  // The counts below are those of the filter being exported.
  useEffect(() => {
    useHistory.getState().show(query);
  }, [query]);
  useEffect(() => () => useExports.getState().reset(), []);

  const timeZone = displayTimeZone();
  // One remembered choice: picking a separator here stores it, so the next export (and Settings) has it.
  const saveDelimiter = async (next: CsvDelimiter | null) => setDelimiterError(await useApp.getState().updateSettings({ csvDelimiter: next }));
  const run = () =>
    void useExports.getState().run({
      filter: cleanFilter(query.filter),
      sort: query.sort,
      layout,
      delimiter: effectiveDelimiter(settings?.csvDelimiter),
      timeZone,
    });
  const rows = shownKey && counts ? counts.total : null;

  return (
    <section className="export-screen">
      <ScreenHeader title="Export to CSV">
        <p>Exports the submissions of the current History filter, in the order shown there. The file never contains an API key.</p>
      </ScreenHeader>
      <section className="panel" aria-labelledby="export-what">
        <h2 id="export-what">What will be exported</h2>
        <ul className="filter-summary">
          {describeFilter(query.filter, profiles).map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p>
          {rows === null ? 'Counting…' : `${plural(rows, 'submission')}.`}{' '}
          <button type="button" className="link-button" onClick={() => go({ screen: 'history' })}>
            Change the filter in the History
          </button>
        </p>
      </section>
      <form
        className="form panel"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <fieldset className="choice-list">
          <legend>Layout</legend>
          <label className="choice">
            <input type="radio" name="layout" value="submissions" checked={layout === 'submissions'} onChange={() => setLayout('submissions')} />
            <span>
              <strong>One row per submission</strong>
              <span className="choice__hint">Status, dates, dossier, counts of failures and warnings.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="layout" value="validations" checked={layout === 'validations'} onChange={() => setLayout('validations')} />
            <span>
              <strong>One row per validation finding</strong>
              <span className="choice__hint">Level, code and context of every finding; submissions without findings get one row.</span>
            </span>
          </label>
        </fieldset>
        <CsvSeparatorSelect
          value={settings?.csvDelimiter ?? null}
          onChange={(next) => void saveDelimiter(next)}
          hint="Remembered for the next export (it is the same setting as in Settings). Automatic follows your locale, as Excel does."
        />
        {delimiterError && <ErrorPanel error={delimiterError} compact />}
        <p className="field__hint">Times are written as YYYY-MM-DD HH:MM:SS in {timeZone}, the zone named in each time column’s header.</p>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={running || rows === 0}>
            {running ? 'Exporting…' : 'Export CSV…'}
          </button>
          {rows === 0 && <span className="muted">Nothing to export with this filter.</span>}
        </div>
        <div aria-live="polite" className="export-status">
          {running && progress?.phase === 'running' && (
            <ProgressBar
              label="Writing the CSV"
              value={progress.rowsWritten}
              max={progress.totalRows}
              detail={`${formatCount(progress.rowsWritten)}${progress.totalRows ? ` of ${formatCount(progress.totalRows)}` : ''} rows`}
            />
          )}
          {running && !progress && <p className="muted">Starting the export…</p>}
          {outcome?.state === 'saved' && (
            <div className="callout callout--success">
              <p className="callout__title">Export saved</p>
              <p>
                {plural(outcome.rowCount, 'row')} written to <strong>{outcome.fileName}</strong>.
              </p>
            </div>
          )}
          {outcome?.state === 'cancelled' && <p className="muted">Export cancelled.</p>}
          {progress?.phase === 'failed' && !error && <p className="field__error">The export stopped: {progress.message}</p>}
          {error && <ErrorPanel error={error} />}
        </div>
      </form>
    </section>
  );
}
