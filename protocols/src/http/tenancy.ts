import { z } from 'zod'
import { deviceIdSchema, storeIdSchema, terminalIdSchema, tenantIdSchema, userIdSchema } from '../ids.ts'
import { deviceKindSchema, roleSchema } from '../roles.ts'

/** A two-digit GST state code, '01'..'38' or '97'. */
export const stateCodeSchema = z.string().regex(/^[0-9]{2}$/)

/** A GSTIN's shape (15 characters); the checksum is verified by the tax package. */
export const gstinShapeSchema = z.string().regex(/^[0-9]{2}[A-Z0-9]{10}[0-9A-Z]Z[0-9A-Z]$/)

export const storeSchema = z.object({
  id: storeIdSchema,
  tenantId: tenantIdSchema,
  code: z.string(),
  legalName: z.string(),
  tradeName: z.string().nullable(),
  gstin: z.string().nullable(),
  stateCode: stateCodeSchema,
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    pincode: z.string(),
  }),
  timezone: z.string(),
  composition: z.boolean(),
})
export type Store = z.infer<typeof storeSchema>

export const terminalSchema = z.object({
  id: terminalIdSchema,
  storeId: storeIdSchema,
  name: z.string(),
  invoicePrefix: z.string(),
  kind: deviceKindSchema,
})
export type Terminal = z.infer<typeof terminalSchema>

/** A manager asks for a one-time code to pair a terminal or station. */
export const createPairingCodeRequestSchema = z.strictObject({
  terminalId: terminalIdSchema,
})
export type CreatePairingCodeRequest = z.infer<typeof createPairingCodeRequestSchema>

export const pairingCodeResponseSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
  terminalId: terminalIdSchema,
})
export type PairingCodeResponse = z.infer<typeof pairingCodeResponseSchema>

/** The device exchanges the code for its key (shown once). */
export const pairDeviceRequestSchema = z.strictObject({
  code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{4}-?[0-9A-Z]{4}$/),
  name: z.string().trim().min(1).max(80).optional(),
})
export type PairDeviceRequest = z.infer<typeof pairDeviceRequestSchema>

export const pairDeviceResponseSchema = z.object({
  deviceId: deviceIdSchema,
  deviceKey: z.string(),
  tenantId: tenantIdSchema,
  storeId: storeIdSchema,
  terminalId: terminalIdSchema,
  kind: deviceKindSchema,
})
export type PairDeviceResponse = z.infer<typeof pairDeviceResponseSchema>

export const deviceSchema = z.object({
  id: deviceIdSchema,
  storeId: storeIdSchema,
  terminalId: terminalIdSchema,
  kind: deviceKindSchema,
  name: z.string(),
  keyPrefix: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
})
export type Device = z.infer<typeof deviceSchema>

export const userSummarySchema = z.object({
  id: userIdSchema,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  memberships: z.array(z.object({ role: roleSchema, storeId: storeIdSchema.nullable() })),
})
export type UserSummary = z.infer<typeof userSummarySchema>

/** Owners add managers and cashiers; managers add cashiers and stations. */
export const createUserRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+?[0-9]{10,15}$/).optional(),
    password: z.string().min(8).max(256),
    role: roleSchema,
    storeId: storeIdSchema.nullable(),
  })
  .refine((body) => body.email !== undefined || body.phone !== undefined, {
    message: 'email or phone is required',
    path: ['email'],
  })
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorUserId: userIdSchema.nullable(),
  actorDeviceId: deviceIdSchema.nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().regex(/^[0-9]+$/).optional(),
})
export type PageQuery = z.infer<typeof pageQuerySchema>

/** Actors of a store, for the history auditor. */
export const actorListQuerySchema = z.strictObject({
  storeId: storeIdSchema,
  kind: z.string().regex(/^[a-z][a-z_]{1,30}$/).optional(),
})
export type ActorListQuery = z.infer<typeof actorListQuerySchema>

export const actorSummarySchema = z.object({
  kind: z.string(),
  actorId: z.string(),
  storeId: storeIdSchema.nullable(),
  seq: z.number().int(),
  updatedAt: z.string(),
})
export type ActorSummary = z.infer<typeof actorSummarySchema>

/** One page of an actor's journal, oldest first; filter by time and event type. */
export const actorHistoryQuerySchema = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  eventType: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
})
export type ActorHistoryQuery = z.infer<typeof actorHistoryQuerySchema>

/** One transition of an actor: what happened, who sent it, and the state before and after. */
export const journalEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  event: z.record(z.string(), z.unknown()),
  stateBefore: z.unknown(),
  stateAfter: z.unknown(),
  contextAfter: z.unknown(),
  actions: z.array(z.object({ type: z.string(), params: z.unknown() })),
  senderUserId: userIdSchema.nullable(),
  senderDeviceId: deviceIdSchema.nullable(),
  commandId: z.string().nullable(),
})
export type JournalEntry = z.infer<typeof journalEntrySchema>

export const actorHistorySchema = z.object({
  kind: z.string(),
  actorId: z.string(),
  entries: z.array(journalEntrySchema),
  nextAfterSeq: z.number().int().nullable(),
})
export type ActorHistory = z.infer<typeof actorHistorySchema>
