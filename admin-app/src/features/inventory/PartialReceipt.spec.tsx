import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import type { StockTransfer } from '@pos/protocols'
import { PartialReceipt } from './StockPage.tsx'

afterEach(cleanup)

const A = '0190a000-0000-7000-8000-0000000000c1'
const B = '0190a000-0000-7000-8000-0000000000c2'
const line = (itemId: string, dispatched: string, received: string, inTransit: string) => ({
  itemId,
  quantityDispatched: dispatched,
  quantityReceived: received,
  quantityInTransit: inTransit,
  dispatchedValuePaise: 0,
  inTransitValuePaise: 0,
})
const transfer = {
  id: '0190a000-0000-7000-8000-0000000000d1',
  fromStoreId: '0190a000-0000-7000-8000-0000000000a1',
  toStoreId: '0190a000-0000-7000-8000-0000000000a2',
  status: 'partially_received',
  note: null,
  dispatchedAt: '2026-11-24T05:00:00.000Z',
  receivedAt: null,
  lines: [line(A, '10', '4', '6'), line(B, '2', '2', '0')],
} as StockTransfer
const names: Record<string, string> = { [A]: 'Bath soap 100 g', [B]: 'Tea 250 g' }

describe('PartialReceipt', () => {
  it('asks only for the lines still in transit and sends what arrived', () => {
    const onSubmit = vi.fn()
    render(<PartialReceipt transfer={transfer} itemName={(id) => names[id]!} onSubmit={onSubmit} />)
    expect(screen.queryByLabelText(/Tea 250 g/)).toBeNull()
    fireEvent.change(screen.getByLabelText('Bath soap 100 g (6 in transit)'), { target: { value: '3.5' } })
    fireEvent.click(screen.getByRole('button', { name: 'Record what arrived' }))
    expect(onSubmit).toHaveBeenCalledWith([{ itemId: A, quantity: '3.5' }])
  })

  it('refuses more than is in transit', () => {
    const onSubmit = vi.fn()
    render(<PartialReceipt transfer={transfer} itemName={(id) => names[id]!} onSubmit={onSubmit} />)
    fireEvent.change(screen.getByLabelText('Bath soap 100 g (6 in transit)'), { target: { value: '7' } })
    fireEvent.click(screen.getByRole('button', { name: 'Record what arrived' }))
    expect(screen.getByRole('alert').textContent).toBe('only 6 is in transit')
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
