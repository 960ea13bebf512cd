import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { z } from 'zod'
import type { creditNoteListQuerySchema, invoiceListQuerySchema, invoiceLookupQuerySchema, salesSummaryQuerySchema, shiftListQuerySchema } from '@pos/protocols'
import { documentService } from '../services/document_service.js'

type User = Extract<Principal, { kind: 'user' }>

export const salesController = {
  salesSummary({ principal, params, query }: RouteInput<undefined, z.output<typeof salesSummaryQuerySchema>, Principal>) {
    return documentService.salesSummary(principal, params.storeId!, query)
  },

  listInvoices({ principal, params, query }: RouteInput<undefined, z.output<typeof invoiceListQuerySchema>, Principal>) {
    return documentService.listInvoices(principal, params.storeId!, query)
  },

  invoiceByNumber({ principal, params, query }: RouteInput<undefined, z.output<typeof invoiceLookupQuerySchema>, Principal>) {
    return documentService.invoiceByNumber(principal, params.storeId!, query.number)
  },

  invoice({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return documentService.invoice(principal, params.invoiceId!)
  },

  listCreditNotes({ principal, params, query }: RouteInput<undefined, z.output<typeof creditNoteListQuerySchema>, Principal>) {
    return documentService.listCreditNotes(principal, params.storeId!, query)
  },

  creditNote({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return documentService.creditNote(principal, params.creditNoteId!)
  },

  listShifts({ principal, params, query }: RouteInput<undefined, z.output<typeof shiftListQuerySchema>, Principal>) {
    return documentService.listShifts(principal, params.storeId!, query)
  },

  shift({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return documentService.shift(principal, params.shiftId!)
  },

  zReport({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return documentService.zReport(principal, params.shiftId!)
  },

  signIn({ principal, params }: RouteInput<undefined, undefined, User>) {
    return documentService.signIn(principal, params.terminalId!)
  },

  signOut({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return documentService.signOut(principal, params.terminalId!)
  },
}
