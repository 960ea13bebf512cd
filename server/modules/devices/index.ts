/*
 * devices: pairing terminals and stations, device keys, revocation.
 */
export { devicesController } from './http/devices_controller.js'
export { deviceService } from './services/device_service.js'
export { deviceErrors } from './errors.js'
