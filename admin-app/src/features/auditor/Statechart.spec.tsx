import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { storeMachine, terminalMachine } from '@pos/state-machines'
import { Statechart } from './Statechart.tsx'

afterEach(cleanup)

const active = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-state-path][data-active=true]')].map((n) => n.getAttribute('data-state-path')).sort()

describe('Statechart', () => {
  it('draws every state and an arrow per transition, and highlights the current one', () => {
    const { container, rerender } = render(<Statechart machine={storeMachine} value="closed" />)
    expect([...container.querySelectorAll('[data-state-path]')].map((n) => n.getAttribute('data-state-path')).sort()).toEqual(['', 'closed', 'open'])
    expect(container.querySelector('[data-edge="closed->open"]')?.textContent).toBe('store.open')
    expect(active(container)).toEqual(['', 'closed'])
    rerender(<Statechart machine={storeMachine} value="open" />)
    expect(active(container)).toEqual(['', 'open'])
    expect(container.querySelector('[data-state-path=open] rect')?.getAttribute('class')).toContain('sc-current')
  })

  it('highlights one state in each parallel region', () => {
    const { container } = render(<Statechart machine={terminalMachine} value={{ paired: { connection: 'online', session: 'signedIn' } }} />)
    expect(active(container)).toEqual(['', 'paired', 'paired.connection', 'paired.connection.online', 'paired.session', 'paired.session.signedIn'])
    expect(container.querySelector('[data-state-path="paired.connection"] text')?.textContent).toBe('connection (parallel region)')
  })
})
