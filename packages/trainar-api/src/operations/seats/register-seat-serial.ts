import { defineOperation, z } from '@platform/kit';
import { DeviceModel, Seat, Serial } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'register_seat_serial',
  method: 'POST',
  path: '/api-tenant-seats-serial',
  queryParams: ['seat_id'],
  title: 'Register BYOH glasses',
  description: 'Bring your own hardware: register the model and serial of glasses for a seat; the seat becomes ready_to_pair.',
  input: z.object({
    seat_id: Id.describe('Seat id (UUID)'),
    model: DeviceModel.describe('The glasses model'),
    serial: Serial.describe('The serial printed on the glasses'),
  }),
  output: Seat,
  auth: 'required',
  scopes: ['manage:devices'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'devices',
  cli: ['seats', 'register-serial'],
  summarize: (s) => `Seat ${s.short_id} expects ${s.expected_device?.model} ${s.expected_device?.serial_masked}: ${s.status}. Next: generate_pairing_code.`,
});
