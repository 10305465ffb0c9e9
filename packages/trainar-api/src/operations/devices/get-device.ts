import { defineOperation, z } from '@platform/kit';
import { Device } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'get_device',
  method: 'GET',
  path: '/api-tenant-devices',
  selectWhen: 'device_id',
  title: 'Get a device',
  description: 'Get one device (AR glasses) by id (addressed as ?device_id=).',
  input: z.object({ device_id: Id.describe('Device id (UUID)') }),
  output: Device,
  auth: 'required',
  scopes: ['read:devices'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'devices',
  cli: ['devices', 'get'],
  summarize: (d) => `${d.model} ${d.serial}: ${d.status}, seat ${d.seat_id ?? 'none'}, last seen ${d.last_seen_at ?? 'never'}.`,
});
