/*
 * A bar chart drawn as SVG: the dashboard needs one simple chart (counts per hour), which
 * does not justify a charting library and its weight.
 */

export interface Bar {
  label: string
  value: number
  /** The tooltip, when it should say more than the label and the formatted value. */
  note?: string
}

export interface BarChartProps {
  bars: readonly Bar[]
  /** Accessible title, also shown above the chart. */
  title: string
  /** How values read in tooltips ("3 facts"). */
  format?: (value: number) => string
  height?: number
  /** Show every n-th label (24 hours do not all fit). */
  labelEvery?: number
}

/** Rounds a maximum up to a "nice" axis top: 1, 2, 5 × 10^n. */
export function niceMax(max: number): number {
  if (max <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 5, 10]) if (max <= step * power) return step * power
  return 10 * power
}

export function BarChart({ bars, title, format = String, height = 160, labelEvery = 1 }: BarChartProps) {
  const width = 640
  const left = 36
  const bottom = 22
  const top = 8
  const plotHeight = height - bottom - top
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)))
  const slot = (width - left) / Math.max(1, bars.length)
  const barWidth = Math.max(2, slot * 0.7)
  const ticks = [0, max / 2, max]
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="bar-chart">
        {ticks.map((tick) => {
          const y = top + plotHeight - (tick / max) * plotHeight
          return (
            <g key={tick}>
              <line x1={left} x2={width} y1={y} y2={y} className="chart-grid" />
              <text x={left - 6} y={y + 4} textAnchor="end" className="chart-axis">
                {Number.isInteger(tick) ? tick : ''}
              </text>
            </g>
          )
        })}
        {bars.map((bar, i) => {
          const h = (bar.value / max) * plotHeight
          const x = left + i * slot + (slot - barWidth) / 2
          return (
            <g key={bar.label}>
              <rect x={x} y={top + plotHeight - h} width={barWidth} height={h} className="chart-bar" data-value={bar.value}>
                <title>{bar.note ?? `${bar.label}: ${format(bar.value)}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" className="chart-axis">
                  {bar.label}
                </text>
              )}
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
