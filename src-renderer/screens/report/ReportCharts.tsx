// The client report's charts, drawn with visx (d3 scales and SVG shapes as React elements: no chart
// runtime, the same SVG on screen and in the PDF). Each figure also carries its numbers as a table
// for screen readers and for anyone who wants the figures rather than the picture.
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, BarStack } from '@visx/shape';
import type { ClientReport, ReportBucket } from '../../../src-preload/contract';
import { formatCount } from '../../lib/format';

type Series = ClientReport['series'];
const STATUS_KEYS = ['passed', 'failed', 'pending'] as const;
const STATUS_WORDS: Record<(typeof STATUS_KEYS)[number], string> = { passed: 'Passed', failed: 'Failed', pending: 'Pending' };

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
const weekFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
/** Bucket starts are calendar days (YYYY-MM-DD) already in the report's zone: shown as such. */
const bucketLabel = (start: string, unit: Series['unit']) => (unit === 'month' ? monthFormat : weekFormat).format(new Date(`${start}T00:00:00Z`));
const UNIT_WORD: Record<Series['unit'], string> = { day: 'day', week: 'week', month: 'month' };
const BUCKET_HEADING: Record<Series['unit'], string> = { day: 'Day', week: 'Week from', month: 'Month' };
/** Bars no wider than this: one bucket must not look like a wall. */
const MAX_BAR = 36;

function niceTicks(max: number): number[] {
  const y = scaleLinear<number>({ domain: [0, Math.max(1, max)], nice: true });
  return y.ticks(Math.min(4, Math.max(1, max))).filter((t) => Number.isInteger(t));
}

export function StatusOverTime({ series }: { series: Series }) {
  const W = 640;
  const H = 200;
  const M = { top: 8, right: 8, bottom: 28, left: 36 };
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const data = series.buckets;
  const max = Math.max(1, ...data.map((b) => b.passed + b.failed + b.pending));
  const band = Math.min(iw, data.length * MAX_BAR * 1.25);
  const x = scaleBand<string>({ domain: data.map((b) => b.start), range: [0, band], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [ih, 0], nice: true });
  const ticks = niceTicks(max);
  // Every bucket labelled up to 14 of them, else every other (or third) one: labels never overlap.
  const every = Math.ceil(data.length / 14);
  const unitWord = UNIT_WORD[series.unit];
  return (
    <figure className="report-chart">
      <figcaption>Submissions per {unitWord}, by status</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Submissions per ${unitWord}: ${data.map((b) => `${bucketLabel(b.start, series.unit)} ${b.passed + b.failed + b.pending}`).join(', ')}`}>
        <Group left={M.left} top={M.top}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={0} x2={iw} y1={y(t)} y2={y(t)} className="report-chart__grid" />
              <text x={-6} y={y(t)} dy="0.32em" textAnchor="end" className="report-chart__tick">
                {formatCount(t)}
              </text>
            </g>
          ))}
          <BarStack<ReportBucket, (typeof STATUS_KEYS)[number]>
            data={data}
            keys={[...STATUS_KEYS]}
            x={(b) => b.start}
            xScale={x}
            yScale={y}
            color={(key) => key}
          >
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars.map((bar) =>
                  bar.height > 0 ? <rect key={`${stack.key}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className={`report-chart__bar report-chart__bar--${stack.key}`} /> : null,
                ),
              )
            }
          </BarStack>
          <line x1={0} x2={iw} y1={ih + 0.5} y2={ih + 0.5} className="report-chart__axis" />
          {data.map((b, i) =>
            i % every === 0 ? (
              <text key={b.start} x={(x(b.start) ?? 0) + x.bandwidth() / 2} y={ih + 16} textAnchor="middle" className="report-chart__tick">
                {bucketLabel(b.start, series.unit)}
              </text>
            ) : null,
          )}
        </Group>
      </svg>
      <p className="report-chart__legend">
        {STATUS_KEYS.map((k) => (
          <span key={k}>
            <span className={`report-chart__key report-chart__key--${k}`} aria-hidden="true" /> {STATUS_WORDS[k]}
          </span>
        ))}
      </p>
      <table className="visually-hidden">
        <caption>Submissions per {unitWord}</caption>
        <thead>
          <tr>
            <th scope="col">{BUCKET_HEADING[series.unit]}</th>
            {STATUS_KEYS.map((k) => (
              <th key={k} scope="col">
                {STATUS_WORDS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((b) => (
            <tr key={b.start}>
              <td>{bucketLabel(b.start, series.unit)}</td>
              <td>{b.passed}</td>
              <td>{b.failed}</td>
              <td>{b.pending}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Horizontal bars, one per row, with the value at the end: codes by frequency, countries by share. */
function HorizontalBars({ rows, label, unit }: { rows: { name: string; value: number; of?: number }[]; label: string; unit: string }) {
  const W = 640;
  const ROW = 22;
  const LABEL_W = 120;
  const VALUE_W = 90;
  const H = rows.length * ROW;
  const max = Math.max(1, ...rows.map((r) => r.of ?? r.value));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, W - LABEL_W - VALUE_W] });
  const y = scaleBand<string>({ domain: rows.map((r) => r.name), range: [0, H], padding: 0.25 });
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${rows.map((r) => `${r.name} ${r.value}${r.of !== undefined ? ` of ${r.of}` : ''}`).join(', ')}`}>
      {rows.map((r) => {
        const top = y(r.name) ?? 0;
        return (
          <g key={r.name}>
            <text x={LABEL_W - 8} y={top + y.bandwidth() / 2} dy="0.32em" textAnchor="end" className="report-chart__label">
              {r.name}
            </text>
            {r.of !== undefined && <Bar x={LABEL_W} y={top} width={x(r.of)} height={y.bandwidth()} className="report-chart__bar report-chart__bar--track" />}
            <Bar x={LABEL_W} y={top} width={Math.max(r.value > 0 ? 1 : 0, x(r.value))} height={y.bandwidth()} className={`report-chart__bar report-chart__bar--${unit}`} />
            <text x={LABEL_W + x(r.of ?? r.value) + 6} y={top + y.bandwidth() / 2} dy="0.32em" className="report-chart__value">
              {r.of !== undefined ? `${formatCount(r.value)} of ${formatCount(r.of)}` : formatCount(r.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Most frequent first; the rest summed into one line so the chart stays a chart. */
const TOP_CODES = 10;

export function FailuresByCode({ codes }: { codes: ClientReport['failuresByCode'] }) {
  const top = codes.slice(0, TOP_CODES).map((c) => ({ name: c.code, value: c.submissions }));
  const rest = codes.slice(TOP_CODES).reduce((n, c) => n + c.submissions, 0);
  return (
    <figure className="report-chart">
      <figcaption>Failures by validation code (submissions)</figcaption>
      {top.length === 0 ? (
        <p className="report-chart__none">No failed submission in this period.</p>
      ) : (
        <>
          <HorizontalBars rows={top} label="Failed submissions per validation code" unit="failed" />
          {rest > 0 && <p className="report-chart__note">Other codes: {formatCount(rest)} more.</p>}
        </>
      )}
    </figure>
  );
}

export function DownloadCoverage({ countries }: { countries: ClientReport['countries'] }) {
  return (
    <figure className="report-chart">
      <figcaption>PCN notifications dispatched and downloaded, per recipient country</figcaption>
      {countries.length === 0 ? (
        <p className="report-chart__none">No PCN notification was dispatched to a country in this period.</p>
      ) : (
        <HorizontalBars rows={countries.map((c) => ({ name: c.country, value: c.downloaded, of: c.dispatched }))} label="Downloaded of dispatched, per country" unit="passed" />
      )}
    </figure>
  );
}
