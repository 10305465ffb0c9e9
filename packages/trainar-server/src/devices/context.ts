/** @module What the devices module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { DeviceService } from './service';

export interface DevicesServices {
  devices: DeviceService;
}

export const implementDevices = implementer<TrainArContext<DevicesServices>>();
