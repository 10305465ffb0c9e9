/**
 * @module Server-rendered SVG bar charts for the Reports page: no script, no inline style (the
 * pages' CSP allows neither; SVG presentation attributes are not styles). Each chart is an image
 * with a title and a description a screen reader reads, followed by the same numbers as a table
 * (inside <details>) for anyone who would rather read than look.
 */
import { dataTable, emptyState, type Html, html } from '@platform/kit';

export interface ChartSeries {
  name: string;
  /** Colours with at least 3:1 contrast on white (WCAG non-text contrast). */
  colour: string;
  values: number[];
}

export interface BarChartInput {
  id: string;
  title: string;
  /** One sentence saying what the chart shows (read before the bars). */
  description: string;
  labels: string[];
  series: ChartSeries[];
  /** Formats a value for the tooltip and the table (default: as is). */
  format?: (n: number) => string;
}

export const COLOURS = { primary: '#0a6b8f', secondary: '#b3541e' } as const;

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 30, left: 40 };

/** A round axis maximum (1, 2, 5 × 10^n) at or above the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function barChart(input: BarChartInput): Html {
  const format = input.format ?? ((n: number) => String(n));
  const all = input.series.flatMap((s) => s.values);
  const top = niceMax(Math.max(0, ...all));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, input.labels.length);
  const barW = Math.max(1, (slot * 0.8) / input.series.length);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  // Label at most ~12 categories under the axis so they never overlap.
  const every = Math.max(1, Math.ceil(input.labels.length / 12));
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const bars = input.labels.flatMap((label, i) =>
    input.series.map((s, k) => {
      const v = s.values[i] ?? 0;
      const x = PAD.left + i * slot + slot * 0.1 + k * barW;
      return html`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - y(v)).toFixed(1)}" fill="${s.colour}"><title>${label} · ${s.name}: ${format(v)}</title></rect>`;
    }),
  );
  const ticks = [0, top / 2, top].map(
    (v) => html`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#c2c7d0" stroke-width="1" />
      <text x="${PAD.left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#373c44">${format(v)}</text>`,
  );
  const xLabels = input.labels.map((label, i) =>
    i % every === 0 ? html`<text x="${(PAD.left + i * slot + slot / 2).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle" font-size="11" fill="#373c44">${label}</text>` : '',
  );
  const legend = input.series.length > 1 ? html`<p class="chart-legend">${input.series.map((s) => html`<span><svg width="10" height="10" aria-hidden="true" focusable="false"><rect width="10" height="10" fill="${s.colour}" /></svg> ${s.name}</span> `)}</p>` : '';
  const rows = input.labels.map((label, i) => ({ label, values: input.series.map((s) => s.values[i] ?? 0) }));
  return html`<figure>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">
      <title id="${titleId}">${input.title}</title>
      <desc id="${descId}">${input.description}</desc>
      ${ticks}${bars}${xLabels}
    </svg>
    <figcaption>${input.title}</figcaption>
    ${legend}
    <details>
      <summary>${input.title} as a table</summary>
      ${dataTable({
        columns: [{ label: 'Period', cell: (r: (typeof rows)[number]) => r.label }, ...input.series.map((s, k) => ({ label: s.name, cell: (r: (typeof rows)[number]) => format(r.values[k]) }))],
        rows,
        empty: emptyState('No data in this period'),
      })}
    </details>
  </figure>`;
}
