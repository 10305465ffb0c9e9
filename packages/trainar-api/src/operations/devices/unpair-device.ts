import { defineOperation, z } from '@platform/kit';
import { Device } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'unpair_device',
  method: 'POST',
  path: '/api-tenant-devices-unpair',
  queryParams: ['device_id', 'seat_id'],
  title: 'Unpair a device',
  description: 'Unpair glasses (by device_id or seat_id): the device credential is revoked at once; the seat can pair again.',
  input: z
    .object({ device_id: Id.optional().describe('Device id (UUID)'), seat_id: Id.optional().describe('Or the seat whose device to unpair') })
    .refine((v) => (v.device_id === undefined) !== (v.seat_id === undefined), { message: 'give exactly one of device_id or seat_id', path: ['device_id'] }),
  output: Device,
  auth: 'required',
  scopes: ['manage:devices'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  toolset: 'devices',
  cli: ['devices', 'unpair'],
  summarize: (d) => `Unpaired ${d.model} ${d.serial} (${d.id}); its credential no longer works. Pair again with generate_pairing_code.`,
});
