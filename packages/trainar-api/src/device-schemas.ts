/**
 * @module Shapes of seats, hardware orders, devices, pairing codes and training sessions (spec 2.3-2.5;
 * the `[I]` shapes of 2.4 and 5). Kept apart from schemas.ts so each domain owns its shapes.
 */
import { z } from '@platform/kit';
import { Timestamp } from './schemas';

export const SEAT_ROLES = ['trainer', 'trainee'] as const;
export const SeatRole = z.enum(SEAT_ROLES);
export type SeatRole = z.infer<typeof SeatRole>;

/** needs_device → byoh_pending | awaiting_delivery → ready_to_pair → active (spec 2.3). */
export const SEAT_STATUSES = ['needs_device', 'byoh_pending', 'awaiting_delivery', 'ready_to_pair', 'active'] as const;
export const SeatStatus = z.enum(SEAT_STATUSES);
export type SeatStatus = z.infer<typeof SeatStatus>;

/** Glasses the Core App runs on; BYOH serials must be for one of these (spec 2.3 add-seat wizard). */
export const DEVICE_MODELS = ['INMO Air 3', 'Vuzix Blade 2'] as const;
export const DeviceModel = z.enum(DEVICE_MODELS, { message: `unsupported model; supported: ${DEVICE_MODELS.join(', ')}` });

/** What TrainAR sells (spec 2.3: INMO Air 3 £899, Vuzix Blade 2 £775, Klarna up to 36 months). */
export const HARDWARE_PRODUCTS = {
  inmo_air_3: { model: 'INMO Air 3', price: 899, currency: 'GBP' },
  vuzix_blade_2: { model: 'Vuzix Blade 2', price: 775, currency: 'GBP' },
} as const;
export const HardwareProduct = z.enum(['inmo_air_3', 'vuzix_blade_2']);
export type HardwareProduct = z.infer<typeof HardwareProduct>;
export const Financing = z.enum(['none', 'klarna_12', 'klarna_24', 'klarna_36']);

/** Upper-case letters and digits, 6-32 long (hyphens and spaces typed by people are dropped first). */
export const Serial = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6,32}$/, { message: 'a serial is 6-32 letters and digits, as printed on the glasses' }));

export const ExpectedDevice = z.object({ model: z.string(), serial_masked: z.string().describe('e.g. 45****545') });

export const Seat = z.object({
  id: z.string().describe('Seat id (UUID)'),
  short_id: z.string().describe('First 8 hex of the id, as the dashboard shows it'),
  roles: z.array(SeatRole),
  status: SeatStatus,
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  user_email: z.string().nullable(),
  expected_device: ExpectedDevice.nullable().describe('The model and masked serial the seat expects (BYOH or delivered order)'),
  device_id: z.string().nullable().describe('The paired device, if any'),
  created_at: Timestamp,
});
export type Seat = z.infer<typeof Seat>;

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export const Order = z.object({
  id: z.string(),
  seat_id: z.string().nullable(),
  product: HardwareProduct,
  model: z.string(),
  price: z.number(),
  currency: z.string(),
  status: OrderStatus,
  financing: Financing,
  sandbox: z.boolean().describe('True: no real shipment; the dashboard advances it (Seats → Advance order)'),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Order = z.infer<typeof Order>;

export const DeviceStatus = z.enum(['paired', 'unpaired']);
export const Device = z.object({
  id: z.string(),
  seat_id: z.string().nullable(),
  model: z.string(),
  serial: z.string(),
  status: DeviceStatus,
  paired_at: Timestamp,
  last_seen_at: Timestamp.nullable(),
  unpaired_at: Timestamp.nullable(),
});
export type Device = z.infer<typeof Device>;

export const PairingCode = z.object({
  code: z.string().describe('Type or scan on the glasses; single use'),
  seat_id: z.string(),
  expires_at: Timestamp,
  qr_payload: z.string().describe('What the dashboard QR encodes: trainar://pair?server=…&code=…'),
  expected_device: ExpectedDevice.nullable(),
});
export type PairingCode = z.infer<typeof PairingCode>;

/**
 * A date-time filter. Checked by Date.parse rather than z.iso.datetime, whose JSON Schema pattern
 * alone costs ~150 tokens per field in tools/list.
 */
export const DateTimeFilter = z
  .string()
  .refine((v) => /^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?$/.test(v) && !Number.isNaN(Date.parse(v)), { message: 'expected an ISO-8601 date or date-time, e.g. 2026-01-31T00:00:00Z' });

export const SESSION_STATUSES = ['in_progress', 'completed', 'failed'] as const;
export const SessionStatus = z.enum(SESSION_STATUSES);
export const Procedure = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable().default(null),
  video_url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
});
export const Session = z.object({
  id: z.string(),
  name: z.string(),
  role: SeatRole,
  status: SessionStatus,
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  seat_id: z.string().nullable(),
  device_id: z.string().nullable(),
  task_id: z.string().nullable(),
  started_at: Timestamp,
  stopped_at: Timestamp.nullable(),
  completed_at: Timestamp.nullable(),
  duration_seconds: z.number().int().nullable().describe('Server-measured, start to stop'),
  last_heartbeat_at: Timestamp,
  end_reason: z.enum(['stopped', 'timed_out']).nullable(),
  score: z.number().int().nullable(),
  summary: z.string().nullable(),
  notes: z.string().nullable(),
  video_url: z.string().nullable(),
  thumbnail_url: z.string().nullable(),
  procedures: z.array(Procedure),
});
export type Session = z.infer<typeof Session>;

/** A list row: the detail fields (summary, notes, video, procedures) come from get_session. */
export const SessionSummary = Session.pick({ id: true, name: true, role: true, status: true, user_id: true, user_name: true, seat_id: true, task_id: true, started_at: true, duration_seconds: true, score: true });
export type SessionSummary = z.infer<typeof SessionSummary>;
