import limiter from '@adonisjs/limiter/services/main'
import emitter from '@adonisjs/core/services/emitter'
import { inRlsTransaction, switchTenant, withTenant } from '#core/db/tenancy'
import { newHumanCode, newSecret, sha256Hex } from '#core/secrets'
import type { Principal } from '#core/http/principal'
import type { Device, PairDeviceResponse, PairingCodeResponse } from '@pos/protocols'
import { recordAudit } from '#modules/audit/index'
import { assertStoreAccess, requireStore, tenancyErrors, tenancyQueries } from '#modules/tenancy/index'
import { deviceErrors } from '../errors.js'
import { deviceRepository, pairingCodeRepository, toDevice } from '../repositories/device_repository.js'

const PAIRING_CODE_TTL_MS = 10 * 60 * 1000

type UserPrincipal = Extract<Principal, { kind: 'user' }>
type DevicePrincipal = Extract<Principal, { kind: 'device' }>

/* Wrong pairing codes per address: 40 bits of code and this limit make guessing hopeless. */
const pairingLimiter = () => limiter.use({ requests: 10, duration: '1 min', blockDuration: '15 mins' })

/** Codes are typed as XXXX-XXXX; the dash and case do not matter. */
function codeHash(code: string) {
  return sha256Hex(code.replace(/-/g, '').toUpperCase())
}

export interface Meta {
  ip: string
  requestId: string | null
}

export const deviceService = {
  async createPairingCode(principal: UserPrincipal, storeId: string, terminalId: string, meta: Meta): Promise<PairingCodeResponse> {
    assertStoreAccess(principal, storeId)
    const code = newHumanCode(8)
    const expiresAt = new Date(Date.now() + PAIRING_CODE_TTL_MS)
    await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const terminal = await tenancyQueries.findTerminal(trx, terminalId)
      if (!terminal || terminal.store_id !== storeId) throw tenancyErrors.terminalNotFound()
      await pairingCodeRepository.insert(trx, {
        tenantId: principal.tenantId,
        storeId,
        terminalId,
        codeHash: codeHash(code),
        expiresAt,
        createdBy: principal.userId,
      })
      await recordAudit(trx, {
        tenantId: principal.tenantId,
        action: 'device.pairing_code_created',
        actorUserId: principal.userId,
        subjectType: 'terminal',
        subjectId: terminalId,
        data: { expiresAt: expiresAt.toISOString() },
        requestId: meta.requestId,
      })
    })
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString(), terminalId } as PairingCodeResponse
  },

  /**
   * Exchanges a one-time code for a device key, shown only in this answer.
   * Pairing a terminal again revokes its previous device: one device per
   * terminal, because the terminal's invoice series must have one writer.
   */
  async pair(input: { code: string; name?: string }, meta: Meta): Promise<PairDeviceResponse> {
    const [blocked, result] = await pairingLimiter().penalize(`pair-ip:${meta.ip}`, () => claim(input, meta))
    if (blocked) throw blocked
    for (const replaced of result.replacedDevices) {
      await emitter.emit('device:revoked', {
        tenantId: result.paired.tenantId,
        deviceId: replaced,
        terminalId: result.paired.terminalId,
        reason: 'replaced',
      })
    }
    return result.paired
  },

  async authenticate(deviceKey: string): Promise<DevicePrincipal> {
    const keyHash = sha256Hex(deviceKey)
    return inRlsTransaction({ 'app.lookup_hash': keyHash }, async (trx) => {
      const device = await deviceRepository.findByKeyHash(trx, keyHash)
      if (!device) throw deviceErrors.keyInvalid()
      if (device.revoked_at) throw deviceErrors.revoked()
      await switchTenant(trx, device.tenant_id)
      await deviceRepository.touch(trx, device.id)
      return {
        kind: 'device',
        deviceId: device.id,
        tenantId: device.tenant_id,
        storeId: device.store_id,
        terminalId: device.terminal_id,
        deviceKind: device.kind,
      }
    })
  },

  async list(principal: UserPrincipal, storeId: string): Promise<Device[]> {
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      return deviceRepository.listForStore(trx, storeId)
    })
    return rows.map(toDevice)
  },

  async revoke(principal: UserPrincipal, deviceId: string, meta: Meta): Promise<Device> {
    const device = await withTenant(principal.tenantId, async (trx) => {
      const device = await deviceRepository.find(trx, deviceId)
      if (!device) throw deviceErrors.notFound()
      assertStoreAccess(principal, device.store_id)
      if (await deviceRepository.revoke(trx, deviceId, principal.userId)) {
        await recordAudit(trx, {
          tenantId: principal.tenantId,
          action: 'device.revoked',
          actorUserId: principal.userId,
          subjectType: 'device',
          subjectId: deviceId,
          requestId: meta.requestId,
        })
      }
      return toDevice((await deviceRepository.find(trx, deviceId))!)
    })
    // After commit: connected sockets of the device are closed (on every node).
    await emitter.emit('device:revoked', { tenantId: principal.tenantId, deviceId, terminalId: device.terminalId, reason: 'revoked' })
    return device
  },
}

async function claim(input: { code: string; name?: string }, meta: Meta): Promise<{ paired: PairDeviceResponse; replacedDevices: string[] }> {
  const hashed = codeHash(input.code)
  const found = await inRlsTransaction({ 'app.lookup_hash': hashed }, (trx) => pairingCodeRepository.findByHash(trx, hashed))
  if (!found) throw deviceErrors.pairingCodeInvalid()

  return withTenant(found.tenant_id, async (trx) => {
    const code = await pairingCodeRepository.lockUsable(trx, found.id)
    if (!code) throw deviceErrors.pairingCodeInvalid()
    const terminal = await tenancyQueries.findTerminal(trx, code.terminal_id)
    if (!terminal) throw deviceErrors.pairingCodeInvalid()
    const replaced = await deviceRepository.revokeForTerminal(trx, terminal.id, code.created_by)
    const deviceKey = newSecret('dk')
    const deviceId = await deviceRepository.insert(trx, {
      tenantId: code.tenant_id,
      storeId: code.store_id,
      terminalId: terminal.id,
      kind: terminal.kind,
      name: input.name ?? terminal.name,
      keyHash: sha256Hex(deviceKey),
      keyPrefix: deviceKey.slice(0, 10),
      createdBy: code.created_by,
    })
    await pairingCodeRepository.markUsed(trx, code.id, deviceId)
    await recordAudit(trx, {
      tenantId: code.tenant_id,
      action: 'device.paired',
      actorDeviceId: deviceId,
      subjectType: 'terminal',
      subjectId: terminal.id,
      data: { replacedDevices: replaced, ip: meta.ip },
      requestId: meta.requestId,
    })
    const paired = {
      deviceId,
      deviceKey,
      tenantId: code.tenant_id,
      storeId: code.store_id,
      terminalId: terminal.id,
      kind: terminal.kind,
    } as PairDeviceResponse
    return { paired, replacedDevices: replaced }
  })
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    /** A device key stopped working (revoked, or replaced by pairing its terminal again). */
    'device:revoked': { tenantId: string; deviceId: string; terminalId: string; reason: 'revoked' | 'replaced' }
  }
}
