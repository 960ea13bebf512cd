import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ApiError } from '../../shared/api/http.ts'
import { TaxClassesCard } from './TaxClassesCard.tsx'
import { GST18, GST5, fakeApi, taxClasses } from './fixtures.test-support.ts'

afterEach(cleanup)

const TODAY = '2026-11-24'
const row = (code: string) => document.querySelector(`tr[data-tax-class="${code}"]`) as HTMLElement

describe('TaxClassesCard', () => {
  it('lists the rate of today and the upcoming ones', () => {
    render(<TaxClassesCard api={fakeApi()} classes={taxClasses} onChanged={() => {}} today={TODAY} />)
    expect(within(row('GST18')).getByTestId('current-rate').textContent).toBe('18 %')
    expect(within(row('GST18')).getByText(/16 % from 2027-04-01/)).toBeTruthy()
    expect(within(row('GST5')).getByText('none')).toBeTruthy()
  })

  it('adds a dated rate', async () => {
    const api = fakeApi()
    api.post.mockResolvedValue({})
    const onChanged = vi.fn()
    render(<TaxClassesCard api={api} classes={taxClasses} onChanged={onChanged} today={TODAY} />)
    fireEvent.click(screen.getByRole('button', { name: 'New rate for GST5' }))
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2027-01-01' } })
    fireEvent.change(screen.getByLabelText('GST %'), { target: { value: '12' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add rate' }))
    await waitFor(() => expect(onChanged).toHaveBeenCalled())
    expect(api.post).toHaveBeenCalledWith(`/tax-classes/${GST5}/rates`, { effectiveFrom: '2027-01-01', ratePercent: '12', cessPercent: '0' })
    expect(screen.queryByTestId('rate-form')).toBeNull()
  })

  it('refuses a past date before asking, and shows the server refusing beside the date', async () => {
    const api = fakeApi()
    api.post.mockRejectedValue(new ApiError(409, 'E_CATALOG_TAX_RATE_BACKDATED', 'The date has passed in India'))
    render(<TaxClassesCard api={api} classes={taxClasses} onChanged={() => {}} today={TODAY} />)
    fireEvent.click(screen.getByRole('button', { name: 'New rate for GST5' }))
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } })
    fireEvent.change(screen.getByLabelText('GST %'), { target: { value: '12' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add rate' }))
    expect(screen.getByText(/past date/).getAttribute('data-field-error')).toBe('effectiveFrom')
    expect(api.post).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-25' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add rate' }))
    const note = await screen.findByText(/has passed in India/)
    expect(note.getAttribute('data-field-error')).toBe('effectiveFrom')
  })

  it('cancels an upcoming rate', async () => {
    const api = fakeApi()
    api.delete.mockResolvedValue({})
    const onChanged = vi.fn()
    render(<TaxClassesCard api={api} classes={taxClasses} onChanged={onChanged} today={TODAY} />)
    fireEvent.click(screen.getByRole('button', { name: 'Cancel GST18 rate from 2027-04-01' }))
    await waitFor(() => expect(onChanged).toHaveBeenCalled())
    expect(api.delete).toHaveBeenCalledWith(`/tax-classes/${GST18}/rates/2027-04-01`)
  })
})
