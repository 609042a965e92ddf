// Timestamps as the spec's samples write them: ISO-8601 with micro-second fraction and the UTC offset of
// ECHA's home time zone (Helsinki), e.g. 2020-04-08T07:55:05.362000+03:00. Clients must not assume UTC.

const HELSINKI = makeFormatter();

function makeFormatter(): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Helsinki',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return null; // a Node built without full ICU: fall back to UTC below
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatEchaTimestamp(ms: number): string {
  const offsetMinutes = helsinkiOffsetMinutes(ms);
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}000${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const HOUR = 3_600_000;
// Helsinki's offset changes only on whole UTC hours (01:00 UTC), so one lookup per UTC hour is exact.
// Intl is slow enough to dominate a page of 1000 events without this.
const offsetByHour = new Map<number, number>();

function helsinkiOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * HOUR;
  let offset = 0;
  if (HELSINKI) {
    const parts = new Map(HELSINKI.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
    const get = (t: Intl.DateTimeFormatPartTypes): number => parts.get(t) ?? 0;
    const localAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    offset = Math.round((localAsUtc - at) / 60_000);
  }
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

/** jjwt's instant format in its expiry messages: UTC, whole seconds, e.g. 2020-01-09T12:32:37Z. */
export function formatJwtInstant(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
