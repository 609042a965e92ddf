// The one confirmation before anything is sent to ECHA in PRODUCTION: submit, retry, retry all, submit
// by reference and C&L all use it, so each names the legal entity (name and UUID) it sends for, says
// in a whole sentence what will happen, and lists what goes with the warnings found before sending.
import type { LeUuid, PreflightWarning } from '../../src-preload/contract';
import { choosePlural, plural } from '../lib/format';
import { ConfirmDialog } from './Dialog';

export interface ConfirmEntity {
  name: string;
  leUuid: LeUuid;
}

export interface ConfirmItem {
  key: string;
  label: string;
  /** The entity it goes for, when the list spans several (the Outbox's "all legal entities"). */
  entity?: ConfirmEntity;
  warnings?: readonly PreflightWarning[];
  /** A line about the item's state, e.g. why it was held. */
  note?: string;
}

export function ProductionConfirm({
  open,
  title,
  entity,
  items,
  noun,
  verb,
  offPeak = false,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  /** The active entity; items that name their own entity override it. */
  entity: ConfirmEntity;
  items: readonly ConfirmItem[];
  /** What one item is: "dossier", "SCIP number", "C&L notification", "upload". */
  noun: string;
  /** "will be submitted", "will be sent again". */
  verb: string;
  offPeak?: boolean;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const entities = distinctEntities(items.map((i) => i.entity ?? entity));
  const warned = items.filter((i) => i.warnings?.some((w) => w.severity !== 'info')).length;
  return (
    <ConfirmDialog open={open} title={title} tone="production" confirmLabel={confirmLabel} busy={busy} onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        {plural(items.length, noun)} {verb} to ECHA as {choosePlural(items.length, 'a legally binding notification', 'legally binding notifications')}
        {entities.length === 1 ? ' on behalf of ' : ' on behalf of these legal entities: '}
        {entities.map((e, i) => (
          <span key={e.leUuid}>
            {i > 0 && ', '}
            <strong>{e.name}</strong> (<span className="mono">{e.leUuid}</span>)
          </span>
        ))}
        {offPeak ? ', after peak hours' : ''}.
      </p>
      {warned > 0 && (
        <p className="callout callout--warn">
          {choosePlural(warned, `${plural(warned, noun)} has warnings`, `${plural(warned, noun)} have warnings`)}: read them before you confirm.
        </p>
      )}
      <ul className="confirm-list" aria-label={`What will be sent`}>
        {items.map((i) => (
          <li key={i.key}>
            <span className="confirm-list__label">{i.label}</span>
            {entities.length > 1 && i.entity && <span className="muted"> — {i.entity.name}</span>}
            {i.note && <p className="confirm-list__note">{i.note}</p>}
            {i.warnings && i.warnings.length > 0 && (
              <ul className="confirm-list__warnings">
                {i.warnings.map((w) => (
                  <li key={`${w.code}:${w.message}`} className={`confirm-list__warning confirm-list__warning--${w.severity}`}>
                    <strong>{w.severity === 'info' ? 'Note' : 'Warning'}:</strong> {w.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}

function distinctEntities(list: readonly ConfirmEntity[]): ConfirmEntity[] {
  const seen = new Map<string, ConfirmEntity>();
  for (const e of list) if (!seen.has(e.leUuid)) seen.set(e.leUuid, e);
  return [...seen.values()];
}
