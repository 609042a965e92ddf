// Notifications (Annex B: a human watches the submissions). Each goes to the renderer as an event and,
// through the host's `notify` port, to the desktop, subject to the per-kind switches.
import { randomUUID } from 'node:crypto';
import type { AppNotification, EventSink } from '../../src-preload/contract';
import type { NotificationSwitches } from '../../src-preload/domain';

export type NotifyPort = (title: string, body: string) => void;
export type NotificationKind = keyof NotificationSwitches | 'info';

export class Notifier {
  constructor(
    private readonly events: EventSink,
    private readonly port: NotifyPort | undefined,
    private readonly prefs: () => NotificationSwitches,
  ) {}

  send(kind: NotificationKind, n: Omit<AppNotification, 'id'>): void {
    if (kind !== 'info' && !this.prefs()[kind]) return;
    const full: AppNotification = { id: randomUUID(), kind, ...n };
    this.events.emit('notification', full);
    try {
      this.port?.(full.title, full.body);
    } catch {
      // A broken desktop notification must not break the workflow that raised it.
    }
  }
}
