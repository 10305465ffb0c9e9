import { defineOperation, z } from '@platform/kit';
import { Device, DeviceStatus } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'list_devices',
  method: 'GET',
  path: '/api-tenant-devices',
  title: 'List devices',
  description: 'List paired AR glasses (and unpaired ones with status=unpaired), newest first, with seat and last_seen_at.',
  input: z.object({
    status: DeviceStatus.optional().describe('paired (default: all) or unpaired'),
    seat_id: Id.optional().describe('Only devices of this seat'),
  }),
  output: z.object({ devices: z.array(Device), total: z.number().int() }),
  auth: 'required',
  scopes: ['read:devices'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'devices',
  cli: ['devices', 'list'],
  summarize: (out) => (out.total === 0 ? 'No devices.' : `${out.total} device(s): ${out.devices.map((d) => `${d.model} ${d.serial} ${d.status}, last seen ${d.last_seen_at ?? 'never'} (${d.id})`).join('; ')}.`),
});
