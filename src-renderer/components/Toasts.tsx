import { useEffect, useState } from 'react';
import { splitToasts, summaryLevel, summaryLine, summaryTitle } from '../lib/toast-summary';
import { useUi, type Toast } from '../stores/ui';

/** Errors stay longer (they also remain in the Outbox or the history); nothing piles up forever. */
const LIFETIME_MS = { error: 20_000, warning: 12_000, info: 8000, success: 8000 } as const;

/** Notifications from main and from actions. Announced politely; errors stay until dismissed. */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const { single, merged } = splitToasts(toasts);
  return (
    <div className="toasts" aria-live="polite" aria-label="Notifications" role="region">
      {merged.length > 0 && <SummaryToast updates={merged} />}
      {single.slice(-3).map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}

/** The updates of one sync in one card: counts first, the items on request, and one "Dismiss all". */
function SummaryToast({ updates }: { updates: Toast[] }) {
  const dismissToasts = useUi((s) => s.dismissToasts);
  const dismiss = useUi((s) => s.dismissToast);
  const go = useUi((s) => s.go);
  const [paused, setPaused] = useState(false);
  const [open, setOpen] = useState(false);
  const level = summaryLevel(updates);
  const ids = updates.map((u) => u.id);
  const key = ids.join(',');
  useEffect(() => {
    if (paused || open) return;
    const t = setTimeout(() => dismissToasts(key.split(',')), LIFETIME_MS[level]);
    return () => clearTimeout(t);
  }, [key, level, dismissToasts, paused, open]);
  return (
    <div
      className={`toast toast--${level} toast--summary`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast__text">
        <p className="toast__title">{summaryTitle(updates)}</p>
        <p className="toast__body">{summaryLine(updates)}.</p>
        {open && (
          <ul className="toast__list">
            {updates.map((u) => (
              <li key={u.id}>
                {u.target.kind === 'submission' ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      const target = u.target;
                      if (target.kind === 'submission') go({ screen: 'detail', submissionId: target.submissionId, back: 'history' });
                      dismiss(u.id);
                    }}
                  >
                    {u.title}
                  </button>
                ) : (
                  u.title
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="toast__actions toast__actions--column">
        <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
        <button type="button" className="button button--small" onClick={() => dismissToasts(ids)}>
          Dismiss all
        </button>
      </div>
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useUi((s) => s.dismissToast);
  const go = useUi((s) => s.go);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const t = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.level]);
    return () => clearTimeout(t);
  }, [toast.id, toast.level, dismiss, paused]);
  const target = toast.target;
  return (
    // Hovering or focusing a toast keeps it until the user is done with it.
    <div
      className={`toast toast--${toast.level}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast__text">
        <p className="toast__title">{toast.title}</p>
        {toast.body && <p className="toast__body">{toast.body}</p>}
      </div>
      <div className="toast__actions">
        {target.kind === 'submission' && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              go({ screen: 'detail', submissionId: target.submissionId, back: 'history' });
              dismiss(toast.id);
            }}
          >
            Open
          </button>
        )}
        {target.kind === 'outbox' && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              go({ screen: 'outbox' });
              dismiss(toast.id);
            }}
          >
            Outbox
          </button>
        )}
        <button type="button" className="button button--small button--ghost" onClick={() => dismiss(toast.id)} aria-label={`Dismiss: ${toast.title}`}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}
