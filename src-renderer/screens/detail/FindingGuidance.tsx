import { useState } from 'react';
import type { AppError } from '../../../src-preload/contract';
import { api } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { safeCall } from '../../lib/call';
import { guidanceFor, type GuidanceLink } from '../../lib/failure-guidance';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';

/** The table's words for one finding, with its link (ECHA page, or the original submission). */
export function FindingGuidance({ code, context }: { code: string; context: string }) {
  const profiles = useProfiles((s) => s.profiles);
  const g = guidanceFor(code, context, profiles);
  return (
    <div className="validation__guidance">
      <p>{g.words}</p>
      <p>
        <strong>What to do:</strong> {g.todo}
      </p>
      {g.link && <GuidanceLinkView link={g.link} />}
    </div>
  );
}

function GuidanceLinkView({ link }: { link: GuidanceLink }) {
  const go = useUi((s) => s.go);
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState(false);

  const open = async () => {
    setError(null);
    setMissing(false);
    if (link.kind === 'external') {
      const r = await safeCall(() => api.openExternal({ url: link.url }));
      if (!r.ok) setError(r.error);
      return;
    }
    // The report names the original by its number; the app's detail view is keyed by its own id.
    const r = await safeCall(() =>
      api.queryHistory({
        filter: { text: link.submissionNumber },
        sort: { column: 'submittedAt', direction: 'desc' },
        page: { kind: 'offset', offset: 0, limit: 20 },
      }),
    );
    if (!r.ok) return setError(r.error);
    const hit = r.value.rows.find((row) => row.submissionNumber === link.submissionNumber);
    if (hit) go({ screen: 'detail', submissionId: hit.id, back: 'history' });
    else setMissing(true);
  };

  return (
    <>
      <button type="button" className="button button--small" onClick={() => void open()}>
        {link.label}
      </button>
      {missing && link.kind === 'submission' && (
        <p className="muted" role="status">
          {link.submissionNumber} is not in this app's history (it was submitted elsewhere).
        </p>
      )}
      {error && <ErrorPanel error={error} />}
    </>
  );
}
