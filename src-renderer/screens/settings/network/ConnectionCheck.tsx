// Check connection: runs main's check of the way to the API address (proxy decision, name resolution,
// TCP, proxy tunnel, TLS, HTTP answer) with the saved settings, and shows it as one line per step with
// its result and time. "Copy report" puts the plain-text report (main wrote it; it holds no secret)
// on the clipboard for IT.
import { useEffect, useRef, useState } from 'react';
import type { ConnectionCheckStep } from '../../../../src-preload/contract';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatDateTime } from '../../../lib/format';
import { useNetwork } from '../../../stores/network';

const RESULT: Record<ConnectionCheckStep['outcome'], { icon: string; word: string }> = {
  passed: { icon: '✓', word: 'Passed' },
  warning: { icon: '!', word: 'Warning' },
  failed: { icon: '✕', word: 'Failed' },
  skipped: { icon: '–', word: 'Not run' },
};

export function ConnectionCheck({ unsaved }: { unsaved: boolean }) {
  const { report, running, error, runCheck } = useNetwork();
  const [copied, setCopied] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [showText, setShowText] = useState(false);

  // Arriving from a banner or an error: bring the check into view and put focus on its heading.
  useEffect(() => {
    if (useNetwork.getState().takeFocusRequest()) {
      headingRef.current?.scrollIntoView({ block: 'start' });
      headingRef.current?.focus();
    }
  }, []);

  useEffect(() => setCopied(''), [report]);

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      setCopied('Report copied to the clipboard.');
    } catch {
      // Some hosts refuse the clipboard: the text is there to select by hand.
      setShowText(true);
      setCopied('The clipboard could not be used: select the report text below and copy it.');
      requestAnimationFrame(() => textRef.current?.select());
    }
  };

  return (
    <section className="connection-check" aria-labelledby="connection-check-title">
      <h3 id="connection-check-title" ref={headingRef} tabIndex={-1}>
        Check connection
      </h3>
      <p className="muted">
        Tries the way to this legal entity’s API address step by step with the saved network settings. No key or token is sent.
      </p>
      {unsaved && (
        <p className="callout callout--warn callout--compact" role="note">
          The network settings have unsaved changes: the check uses the saved ones. Save first to check the new ones.
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void runCheck()} disabled={running} aria-describedby={running ? 'connection-check-progress' : undefined}>
          {running ? 'Checking…' : report ? 'Check again' : 'Check connection'}
        </button>
        {report && !running && (
          <button type="button" className="button" onClick={() => void copy()}>
            Copy report
          </button>
        )}
        <span role="status" aria-live="polite" className="muted">
          {copied}
        </span>
      </div>
      <div id="connection-check-progress" aria-live="polite">
        {running && <ProgressBar label="Checking the connection (each step stops after 10 seconds at most)…" value={0} max={null} />}
      </div>
      {error && !running && <ErrorPanel error={error} compact />}
      {report && (
        <div className={`connection-report${running ? ' connection-report--stale' : ''}`} aria-busy={running || undefined}>
          <div className={`callout callout--compact ${report.ok ? 'callout--success' : 'callout--error'}`} role={running ? undefined : 'status'}>
            <p className="callout__title">{report.ok ? 'The connection works' : 'The connection does not work'}</p>
            <p>{report.summary}</p>
            <p className="muted">
              {report.target} · checked {formatDateTime(report.startedAt)}
            </p>
          </div>
          <table className="check-table">
            <caption className="visually-hidden">Connection check, step by step</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Result</th>
                <th scope="col" className="check-table__time">
                  Time
                </th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {report.steps.map((s) => (
                <tr key={s.id} data-outcome={s.outcome}>
                  <th scope="row">{s.title}</th>
                  <td>
                    <span className={`check-result check-result--${s.outcome}`}>
                      <span aria-hidden="true">{RESULT[s.outcome].icon} </span>
                      {RESULT[s.outcome].word}
                    </span>
                  </td>
                  <td className="check-table__time">{s.ms === null ? '—' : `${s.ms} ms`}</td>
                  <td className="check-table__detail">{s.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details className="advanced" open={showText} onToggle={(e) => setShowText((e.target as HTMLDetailsElement).open)}>
            <summary>Report as text</summary>
            <textarea ref={textRef} className="textarea check-text" readOnly value={report.text} rows={Math.min(14, report.steps.length + 6)} aria-label="Connection report as text" />
          </details>
        </div>
      )}
    </section>
  );
}
