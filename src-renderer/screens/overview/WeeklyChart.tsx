// Submissions and failures per week for one entity, as a small SVG bar chart drawn with visx (plain
// React SVG elements, no chart runtime per card: cheap to draw a hundred of them). The numbers are also
// in a visually hidden table, so screen readers get the data and not a picture.
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import type { OverviewWeek } from '../../../src-preload/contract';
import { formatDate } from '../../lib/format';

const W = 220;
const H = 56;

export function WeeklyChart({ weeks, label }: { weeks: OverviewWeek[]; label: string }) {
  const x = scaleBand<number>({ domain: weeks.map((_, i) => i), range: [0, W], padding: 0.25 });
  const max = Math.max(1, ...weeks.map((w) => w.submitted));
  const y = scaleLinear<number>({ domain: [0, max], range: [H, 0] });
  const bw = x.bandwidth();
  const total = weeks.reduce((n, w) => n + w.submitted, 0);
  const failed = weeks.reduce((n, w) => n + w.failed, 0);
  return (
    <figure className="weekly-chart">
      <svg width={W} height={H + 1} viewBox={`0 0 ${W} ${H + 1}`} role="img" aria-label={`${label}: ${total} submitted, ${failed} failed in the last ${weeks.length} weeks`}>
        <Group>
          <line x1={0} x2={W} y1={H + 0.5} y2={H + 0.5} className="weekly-chart__axis" />
          {weeks.map((w, i) => {
            const left = x(i) ?? 0;
            const top = y(w.submitted);
            const failTop = y(w.failed);
            return (
              <g key={w.start}>
                <Bar x={left} y={top} width={bw} height={H - top} className="weekly-chart__bar" />
                {w.failed > 0 && <Bar x={left} y={failTop} width={bw} height={H - failTop} className="weekly-chart__bar weekly-chart__bar--failed" />}
              </g>
            );
          })}
        </Group>
      </svg>
      <figcaption className="weekly-chart__legend">
        <span className="weekly-chart__key" /> submitted <span className="weekly-chart__key weekly-chart__key--failed" /> failed · last {weeks.length} weeks
      </figcaption>
      <table className="visually-hidden">
        <caption>{label}, per week</caption>
        <thead>
          <tr>
            <th scope="col">Week from</th>
            <th scope="col">Submitted</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.start}>
              <td>{formatDate(w.start)}</td>
              <td>{w.submitted}</td>
              <td>{w.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
