import { defineOperation, z } from '@platform/kit';
import { Seat, SeatRole, SeatStatus } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'list_seats',
  method: 'GET',
  path: '/api-tenant-seats',
  title: 'List seats',
  description: 'List the seats (AR glasses licences) with their roles, user, status and device, plus the seat limit of the plan.',
  input: z.object({
    status: SeatStatus.optional().describe('Only seats in this status'),
    role: SeatRole.optional().describe('Only seats with this role'),
    user_id: Id.optional().describe('Only the seat assigned to this user'),
  }),
  output: z.object({ seats: z.array(Seat), total: z.number().int(), seat_limit: z.number().int(), plan: z.string() }),
  auth: 'required',
  scopes: ['read:users'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'seats',
  cli: ['seats', 'list'],
  summarize: (out) =>
    `${out.total} of ${out.seat_limit} seat(s) on ${out.plan}${out.seats.length ? ': ' : '.'}${out.seats.map((s) => `${s.short_id} ${s.roles.join('+')} ${s.status}${s.user_name ? ` (${s.user_name})` : ''}`).join('; ')}`,
});
