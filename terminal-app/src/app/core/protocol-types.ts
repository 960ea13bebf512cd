/*
 * The wire types the app uses, from @pos/protocols. Type-only imports: the app trusts its own
 * server's answers and does not ship the schema library in its bundle.
 */
import type { z } from 'zod'
import type { cashierSessionResponseSchema } from '@pos/protocols'

export type {
  Ack,
  CatalogFeed,
  CatalogFeedItem,
  CommandName,
  CommandPayload,
  CommandResult,
  ErrorBody,
  FactEnvelope,
  FactName,
  PairDeviceRequest,
  PairDeviceResponse,
  QueryName,
  QueryRequest,
  QueryResponse,
  SessionResponse,
  TerminalSalesSetup,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@pos/protocols'

export type CashierSessionResponse = z.infer<typeof cashierSessionResponseSchema>
