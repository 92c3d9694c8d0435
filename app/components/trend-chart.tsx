// A bar chart drawn as SVG on the server: readable without JavaScript, scaled by its
// viewBox, and backed by a data table for screen readers (the SVG itself is one image
// with a title and a description).

export interface TrendPoint {
  /** stable key, e.g. "2026-03" */
  key: string;
  /** axis label, e.g. "3月" */
  label: string;
  /** the bar, in fen (may be negative when refunds outweigh sales) */
  value: number;
  /** shown in the table only, in fen */
  other: number;
  /** drawn darker: inside the selected period */
  highlight?: boolean;
}

const W = 640;
const H = 260;
const M = { top: 40, right: 10, bottom: 34, left: 68 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/** A round step for about four grid lines between lo and hi. */
export function niceStep(span: number): number {
  if (!(span > 0)) return 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 2.5, 5, 10].find((f) => f * magnitude >= raw) ?? 10;
  return factor * magnitude;
}

/** The axis: from a multiple of the step at or below min(0, values) to one at or above max. */
export function axisFor(values: number[]): { lo: number; hi: number; step: number } {
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const step = niceStep(max - min || 1);
  return {
    lo: Math.floor(min / step) * step,
    hi: Math.max(Math.ceil(max / step) * step, step),
    step,
  };
}

export interface TrendChartProps {
  id: string;
  title: string;
  description: string;
  caption: string;
  headers: { label: string; value: string; other: string };
  points: TrendPoint[];
  /** a table cell, e.g. ¥1,234.00 */
  formatValue: (fen: number) => string;
  /** a grid line label, e.g. 12.5 (万元) */
  formatAxis: (fen: number) => string;
  axisLabel: string;
}

export function TrendChart(props: TrendChartProps) {
  const { id, caption } = props;
  return (
    <figure className="trend" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="visually-hidden">
        {caption}
      </figcaption>
      <TrendSvg {...props} />
      <TrendTable {...props} />
    </figure>
  );
}

function TrendSvg({
  id,
  title,
  description,
  points,
  formatValue,
  formatAxis,
  axisLabel,
}: TrendChartProps) {
  const { lo, hi, step } = axisFor(points.map((p) => p.value));
  const y = (v: number) => M.top + ((hi - v) / (hi - lo)) * PLOT_H;
  const band = PLOT_W / Math.max(points.length, 1);
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(v);
  return (
    <svg
      className="trend__svg"
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <text x={M.left - 6} y={18} textAnchor="end" className="trend__unit">
        {axisLabel}
      </text>
      {ticks.map((v) => (
        <g key={v} className="trend__grid">
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text x={M.left - 6} y={y(v) + 4} textAnchor="end">
            {formatAxis(v)}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <TrendBar
          key={p.key}
          point={p}
          left={M.left + i * band}
          band={band}
          y={y}
          formatValue={formatValue}
        />
      ))}
      <line className="trend__zero" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
    </svg>
  );
}

/** One month's bar (none when it is zero) and its label under the axis. */
function TrendBar({
  point: p,
  left,
  band,
  y,
  formatValue,
}: {
  point: TrendPoint;
  left: number;
  band: number;
  y: (value: number) => number;
  formatValue: (fen: number) => string;
}) {
  const barW = Math.min(band * 0.62, 40);
  const top = y(Math.max(p.value, 0));
  const height = Math.abs(y(p.value) - y(0));
  return (
    <g>
      {height > 0 ? (
        <rect
          className={p.highlight ? "trend__bar trend__bar--on" : "trend__bar"}
          x={left + (band - barW) / 2}
          y={top}
          width={barW}
          height={Math.max(height, 1)}
          rx={3}
        >
          <title>{`${p.label}: ${formatValue(p.value)}`}</title>
        </rect>
      ) : null}
      <text className="trend__label" x={left + band / 2} y={H - M.bottom + 22} textAnchor="middle">
        {p.label}
      </text>
    </g>
  );
}

/** The same figures as a table, for screen readers. */
function TrendTable({ caption, headers, points, formatValue }: TrendChartProps) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{headers.label}</th>
          <th scope="col">{headers.value}</th>
          <th scope="col">{headers.other}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.key}>
            <th scope="row">{p.label}</th>
            <td>{formatValue(p.value)}</td>
            <td>{formatValue(p.other)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
