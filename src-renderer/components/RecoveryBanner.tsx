// Shown once after the desktop app loaded the window again (crash, hang, out of memory): what
// happened, and that nothing was lost, because everything that matters lives in the app's main process.
import { useState } from 'react';
import { recoveryNotice } from '../lib/recovery';

// Read once at start, then dropped from the address, so a later reload does not say it again.
const notice = recoveryNotice(window.location.search);
if (notice !== null) window.history.replaceState(null, '', window.location.pathname);

export function RecoveryBanner() {
  const [open, setOpen] = useState(notice !== null);
  if (!open || notice === null) return null;
  return (
    <div className="banner banner--warning" role="alert">
      <strong>{notice}</strong> Nothing was lost: uploads, the outbox and the history are kept by the app, which kept running. Details are in
      the log (Help → Show Logs).{' '}
      <button type="button" className="button button--small" onClick={() => setOpen(false)}>
        Dismiss
      </button>
    </div>
  );
}
