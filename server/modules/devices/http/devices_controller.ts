import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { CreatePairingCodeRequest, PairDeviceRequest } from '@pos/protocols'
import { deviceService } from '../services/device_service.js'

type User = Extract<Principal, { kind: 'user' }>
type DeviceP = Extract<Principal, { kind: 'device' }>

const meta = (input: RouteInput<unknown, unknown, unknown>) => ({
  ip: input.ctx.request.ip(),
  requestId: input.ctx.request.id() ?? null,
})

export const devicesController = {
  createPairingCode(input: RouteInput<CreatePairingCodeRequest, undefined, User>) {
    return deviceService.createPairingCode(input.principal, input.params.storeId!, input.body.terminalId, meta(input))
  },

  pair(input: RouteInput<PairDeviceRequest, undefined, null>) {
    return deviceService.pair(input.body, meta(input))
  },

  async list(input: RouteInput<undefined, undefined, User>) {
    return { devices: await deviceService.list(input.principal, input.params.storeId!) }
  },

  revoke(input: RouteInput<undefined, undefined, User>) {
    return deviceService.revoke(input.principal, input.params.deviceId!, meta(input))
  },

  me({ principal }: RouteInput<undefined, undefined, DeviceP>) {
    return principal
  },
}
