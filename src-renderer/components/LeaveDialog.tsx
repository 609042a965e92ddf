// "You have unsaved changes": asked before an in-app navigation would drop the edits of a screen.
import { useState } from 'react';
import { discardAndLeave, saveAndLeave, stay, useLeaveGuard } from '../stores/leave-guard';
import { Dialog } from './Dialog';

export function LeaveDialog() {
  const pending = useLeaveGuard((s) => s.pending);
  const screen = useLeaveGuard((s) => s.guard?.screen ?? 'this screen');
  const [busy, setBusy] = useState(false);
  const open = pending !== null;
  return (
    <Dialog
      open={open}
      title="Save your changes?"
      onClose={stay}
      footer={
        <>
          <button type="button" className="button" onClick={stay} autoFocus>
            Stay on {screen}
          </button>
          <button type="button" className="button button--danger-outline" onClick={discardAndLeave} disabled={busy}>
            Discard changes
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void saveAndLeave().finally(() => setBusy(false));
            }}
          >
            Save and continue
          </button>
        </>
      }
    >
      <p>Some changes in {screen} are not saved yet. Leaving now drops them.</p>
    </Dialog>
  );
}
