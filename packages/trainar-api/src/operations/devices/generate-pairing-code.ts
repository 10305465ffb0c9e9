import { defineOperation, z } from '@platform/kit';
import { PairingCode } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'generate_pairing_code',
  method: 'POST',
  path: '/api-tenant-devices-pairing-code',
  title: 'Generate a pairing code',
  description: 'Generate a single-use pairing code (valid 10 min; replaces the seat\'s previous code) and its QR payload. Without seat_id: the first seat needing a device.',
  input: z.object({ seat_id: Id.optional().describe('Seat id (UUID); default: the first seat that needs a device') }),
  output: PairingCode,
  auth: 'required',
  scopes: ['manage:devices'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  toolset: 'devices',
  cli: ['devices', 'pairing-code'],
  summarize: (p) => `Pairing code ${p.code} for seat ${p.seat_id}, valid until ${p.expires_at}. Enter it on the glasses ("Pair with Dashboard").`,
});
