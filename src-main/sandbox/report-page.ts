// The human-readable report page the reportUrl points at (the portal's page, in miniature). Every value
// shown comes from an upload or a header, so everything is escaped.
import type { ReportStatus, StoredEvent, Submission } from './engine';
import { formatEchaTimestamp } from './time-format';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const row = (label: string, value: string | null): string =>
  value === null ? '' : `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;

const eventText = (e: StoredEvent): string => {
  const d = e.data as { recipients?: string; country?: string };
  return d.recipients ? `recipients ${d.recipients}` : d.country ? `country ${d.country}` : '';
};

export function reportPageHtml(sub: Submission, status: ReportStatus): string {
  const shownStatus = status === 'not-yet' ? 'PENDING' : status;
  const final = shownStatus !== 'PENDING';
  const space = sub.space.kind === 'production' ? 'Production' : `Integration test run ${sub.space.testRun}`;
  const validations = final
    ? sub.validations.map((v) => `<tr><td>${escapeHtml(v.level)}</td><td>${escapeHtml(v.code)}</td><td>${escapeHtml(v.context)}</td></tr>`).join('')
    : '';
  const events = sub.events
    .map((e) => `<tr><td>${escapeHtml(formatEchaTimestamp(e.at))}</td><td>${escapeHtml(e.type)}</td><td>${escapeHtml(eventText(e))}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Submission ${escapeHtml(sub.number)} (sandbox)</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body>
<p><strong>Local S2S sandbox</strong>: not the ECHA Submission portal.</p>
<h1>Submission report ${escapeHtml(sub.number)}</h1>
<table>
${row('Status', shownStatus)}${row('Space', space)}${row('Legal entity', sub.leUuid)}${row('Submitted', formatEchaTimestamp(sub.submittedAt))}${row('File name', sub.fileName)}${row('Dossier type', final ? sub.dossierType : null)}${row('Dossier UUID', final ? (sub.dossier?.uuid ?? null) : null)}${row('Referenced SCIP number', sub.referencedPssi)}
</table>
<h2>Validations</h2>
${final ? (validations ? `<table><tr><th>Level</th><th>Code</th><th>Context</th></tr>${validations}</table>` : '<p>None.</p>') : '<p>Processing.</p>'}
<h2>Events</h2>
${events ? `<table><tr><th>Time</th><th>Event</th><th>Data</th></tr>${events}</table>` : '<p>None yet.</p>'}
</body></html>
`;
}

export const REPORT_PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};
