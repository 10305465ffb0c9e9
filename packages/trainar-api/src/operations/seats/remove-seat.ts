import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'remove_seat',
  method: 'DELETE',
  path: '/api-tenant-seats',
  selectWhen: 'seat_id',
  title: 'Remove a seat',
  description: 'Remove a seat: its device is unpaired (credential revoked); past sessions stay. Frees one seat of the plan.',
  input: z.object({ seat_id: Id.describe('Seat id (UUID)') }),
  output: z.object({ id: z.string(), removed: z.literal(true), unpaired_device_id: z.string().nullable() }),
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  toolset: 'seats',
  cli: ['seats', 'remove'],
  summarize: (o) => `Removed seat ${o.id}${o.unpaired_device_id ? `; device ${o.unpaired_device_id} unpaired` : ''}.`,
});
