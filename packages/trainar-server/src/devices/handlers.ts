/** @module Device operations of the Tenant API → DeviceService (no SQL here). */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const deviceHandlers = [
  implement(ops.listDevices, (input, ctx: Ctx) => ctx.services.devices.list(ctx.tenantId, input)),
  implement(ops.getDevice, (input, ctx: Ctx) => ctx.services.devices.get(ctx.tenantId, input.device_id)),
  implement(ops.generatePairingCode, (input, ctx: Ctx) => ctx.services.devices.generatePairingCode(ctx.tenantId, input.seat_id)),
  implement(ops.unpairDevice, (input, ctx: Ctx) => ctx.services.devices.unpair(ctx.tenantId, input)),
];
