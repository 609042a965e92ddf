// CSV export in web mode is a browser download: POST /api/export validates the arguments and returns a
// one-time, short-lived ticket; GET /api/download/<ticket> streams the file.
import { randomBytes } from 'node:crypto';
import type { ExportArgs } from '../../src-preload/contract';

interface ExportTicket {
  exportId: string;
  args: ExportArgs;
  fileName: string;
  expiresAt: number;
}

export interface TicketBook {
  issue(args: ExportArgs, fileName: string): { ticket: string; exportId: string };
  /** Returns the ticket once; a second redeem, or one after expiry, returns null. */
  redeem(ticket: string): ExportTicket | null;
}

export function createTicketBook(ttlMs = 60_000, now: () => number = Date.now): TicketBook {
  const tickets = new Map<string, ExportTicket>();
  const sweep = () => {
    const t = now();
    for (const [k, v] of tickets) if (v.expiresAt <= t) tickets.delete(k);
  };
  return {
    issue(args, fileName) {
      sweep();
      const ticket = randomBytes(24).toString('base64url');
      const exportId = `exp-${randomBytes(8).toString('hex')}`;
      tickets.set(ticket, { exportId, args, fileName, expiresAt: now() + ttlMs });
      return { ticket, exportId };
    },
    redeem(ticket) {
      sweep();
      const found = tickets.get(ticket) ?? null;
      tickets.delete(ticket);
      return found;
    },
  };
}

/** `filename="..."` safe for a Content-Disposition header (ASCII, no quotes), plus the RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
