import { defineOperation, z } from '@platform/kit';
import { Seat, SeatRole } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'update_seat',
  method: 'PATCH',
  path: '/api-tenant-seats',
  selectWhen: 'seat_id',
  title: 'Reassign or change a seat',
  description: 'Reassign a seat to another user (null unassigns) and/or change its roles; the device stays paired.',
  input: z.object({
    seat_id: Id.describe('Seat id (UUID)'),
    user_id: Id.nullable().optional().describe('New user; null leaves the seat unassigned'),
    roles: z.array(SeatRole).min(1).refine((r) => new Set(r).size === r.length, { message: 'roles must not repeat' }).optional().describe('New roles: trainer, trainee or both'),
  }),
  output: Seat,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'seats',
  cli: ['seats', 'update'],
  summarize: (s) => `Seat ${s.short_id}: ${s.roles.join('+')}, ${s.user_name ?? 'unassigned'}, ${s.status}.`,
});
