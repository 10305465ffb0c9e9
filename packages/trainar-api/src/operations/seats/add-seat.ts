import { defineOperation, z } from '@platform/kit';
import { DeviceModel, Financing, HardwareProduct, Seat, SeatRole, Serial } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'add_seat',
  method: 'POST',
  path: '/api-tenant-seats',
  title: 'Add a seat',
  description: 'Add a seat within the plan\'s seat limit, with its device: skip, byoh (model+serial) or buy (product).',
  input: z.object({
    roles: z.array(SeatRole).min(1, { message: 'give trainer, trainee or both' }).refine((r) => new Set(r).size === r.length, { message: 'roles must not repeat' }).describe('trainer, trainee or both'),
    user_id: Id.optional().describe('Assign the seat to this user now (or later with update_seat)'),
    device_option: z.enum(['skip', 'byoh', 'buy']).default('skip').describe('Default skip'),
    model: DeviceModel.optional().describe('byoh'),
    serial: Serial.optional().describe('byoh'),
    product: HardwareProduct.optional().describe('buy: inmo_air_3 £899, vuzix_blade_2 £775'),
    financing: Financing.default('none').describe('buy'),
  }),
  output: Seat,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  toolset: 'seats',
  cli: ['seats', 'add'],
  summarize: (s) => `Added seat ${s.short_id} (${s.roles.join('+')}), ${s.status}. Next: ${s.status === 'ready_to_pair' ? 'generate_pairing_code' : s.status === 'needs_device' ? 'register_seat_serial or order_seat_hardware' : 'wait for delivery'}.`,
});
