/** @module The devices module: glasses paired to seats (pairing codes, `tad_` credentials, unpairing), the device API's pairing routes, and Dashboard → Seats → Devices. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { DevicesServices } from './context';
import { mountDevicePairingApi } from './device-api';
import { deviceHandlers } from './handlers';
import { mountDevicesPage } from './page';
import type { DevicesPorts } from './ports';
import { DeviceService } from './service';

export function createDevicesModule(platform: PlatformServices, ports: DevicesPorts): TrainArModule<DevicesServices> {
  const services: DevicesServices = { devices: new DeviceService(platform, ports.seats) };
  return {
    name: 'devices',
    services,
    implementations: deviceHandlers,
    mountPages: (app, shell) => mountDevicesPage(app, { ...shell, services }),
    mountRoutes: (app, limiter) => mountDevicePairingApi(app, { devices: services.devices, settings: platform.settings, timings: ports.sessionTimings }, limiter),
  };
}
