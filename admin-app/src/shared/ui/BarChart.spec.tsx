import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { BarChart, niceMax } from './BarChart.tsx'

afterEach(cleanup)

describe('BarChart', () => {
  it('draws one bar per value, scaled to a nice maximum', () => {
    render(<BarChart title="Facts per hour" bars={[{ label: '09', value: 3 }, { label: '10', value: 7 }, { label: '11', value: 0 }]} />)
    const chart = screen.getByRole('img', { name: 'Facts per hour' })
    const bars = [...chart.querySelectorAll('rect.chart-bar')]
    expect(bars.map((b) => b.getAttribute('data-value'))).toEqual(['3', '7', '0'])
    const heights = bars.map((b) => Number(b.getAttribute('height')))
    // Axis top is 10: the 7 bar is 70% of the plot, the 3 bar 30%.
    expect(heights[1]! / heights[0]!).toBeCloseTo(7 / 3, 5)
    expect(heights[2]).toBe(0)
    expect(chart.querySelector('title')?.textContent).toBe('09: 3')
  })

  it('picks readable axis tops', () => {
    expect([0, 1, 3, 7, 12, 49, 51, 99, 101].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 100, 100, 200])
  })
})
