/** @module Device operations of the Tenant API → DeviceService (no SQL here). */
import { ops } from '@trainar/api';
import { implementDevices as implement } from './context';

export const deviceHandlers = [
  implement(ops.listDevices, (input, ctx) => ctx.services.devices.list(ctx.tenantId, input)),
  implement(ops.getDevice, (input, ctx) => ctx.services.devices.get(ctx.tenantId, input.device_id)),
  implement(ops.generatePairingCode, (input, ctx) => ctx.services.devices.generatePairingCode(ctx.tenantId, input.seat_id)),
  implement(ops.unpairDevice, (input, ctx) => ctx.services.devices.unpair(ctx.tenantId, input)),
];
