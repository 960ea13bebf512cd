import { describe, expect, it } from 'vitest'
import { importView } from './import-progress.ts'

describe('import progress', () => {
  it('is indeterminate until the rows are counted, then a fraction', () => {
    expect(importView({ status: 'queued', processed: 0, total: null })).toEqual({ status: 'queued', fraction: null, text: 'Waiting to start…' })
    expect(importView({ status: 'running', processed: 250, total: 1000, accepted: 240, rejected: 10 })).toEqual({
      status: 'running',
      fraction: 0.25,
      text: '250 of 1000 rows · 240 accepted, 10 rejected',
    })
  })

  it('ends full, or says where it stopped', () => {
    expect(importView({ status: 'succeeded', processed: 3, total: 3, accepted: 2, rejected: 1 }).fraction).toBe(1)
    expect(importView({ status: 'failed', processed: 2, total: 3, accepted: 2, rejected: 0 }).text).toBe('Stopped after 2 rows · 2 accepted, 0 rejected')
  })
})
