/** @module The devices module's public surface: what other modules and the composition root may import. */
export type { DevicesServices } from './context';
export { type DeviceOfRequest, deviceFromRequest } from './device-auth';
export { deviceMigrations } from './migrations';
export { createDevicesModule } from './module';
export type { DeviceSessionTimings, DevicesPorts } from './ports';
export type { AuthenticatedDevice, DeviceService } from './service';
