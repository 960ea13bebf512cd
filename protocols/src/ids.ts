import { z } from 'zod'

/** A UUID string (any version). Server-generated ids are v4 or v7; client command ids must be v7. */
export const uuidSchema = z.uuid()

const brand = <B extends string>() => uuidSchema.brand<B>()

export const tenantIdSchema = brand<'TenantId'>()
export const storeIdSchema = brand<'StoreId'>()
export const terminalIdSchema = brand<'TerminalId'>()
export const userIdSchema = brand<'UserId'>()
export const deviceIdSchema = brand<'DeviceId'>()

export type TenantId = z.infer<typeof tenantIdSchema>
export type StoreId = z.infer<typeof storeIdSchema>
export type TerminalId = z.infer<typeof terminalIdSchema>
export type UserId = z.infer<typeof userIdSchema>
export type DeviceId = z.infer<typeof deviceIdSchema>

/** A client-generated command id: a UUID of version 7 (time ordered). */
export const commandIdSchema = z.uuid({ version: 'v7' }).brand<'CommandId'>()
export type CommandId = z.infer<typeof commandIdSchema>
