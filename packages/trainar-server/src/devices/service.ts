/**
 * @module Devices: glasses paired to a seat. Pairing redeems a code for a device credential
 * (`tad_` + 32 base62 + checksum), returned once and stored as a SHA-256 hash; unpairing revokes it
 * (authentication requires status `paired`). Device credentials authenticate only the device API
 * (devices/device-api.ts, sessions/device-api.ts); the Tenant API accepts only `tak_` keys, so a
 * device cannot call it.
 */
import { badRequest, conflict, generateToken, hashToken, isWellFormedToken, notFound, type RateLimiter, unauthorized } from '@platform/kit';
import type { Device, PairingCode } from '@trainar/api';
import type { TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { presentSeat } from '../seats';
import { hashPairingCode, newPairingCode, PAIRING_ATTEMPTS_PER_MINUTE, PAIRING_CODE_TTL_MS, qrPayload } from './pairing';
import type { DevicesPorts } from './ports';
import { presentDevice } from './present';
import './tables';

export const DEVICE_CREDENTIAL_PREFIX = 'tad_';

/** Who a device credential belongs to: everything the device API does is scoped to it. */
export interface AuthenticatedDevice {
  deviceId: string;
  tenantId: string;
  seatId: string;
}

export class DeviceService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly seats: DevicesPorts['seats'],
  ) {}

  async list(tenantId: string, filter: { status?: Device['status']; seat_id?: string } = {}) {
    let q = this.deps.db.selectFrom('devices').selectAll().where('tenant_id', '=', tenantId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.seat_id) q = q.where('seat_id', '=', filter.seat_id);
    const rows = await q.orderBy('paired_at', 'desc').orderBy('id').execute();
    return { devices: rows.map(presentDevice), total: rows.length };
  }

  async get(tenantId: string, deviceId: string): Promise<Device> {
    const row = await this.deps.db.selectFrom('devices').selectAll().where('id', '=', deviceId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) throw notFound(`No device ${deviceId} in this tenant. List devices with list_devices.`, { field: 'device_id' });
    return presentDevice(row);
  }

  /** A code for the seat (default: the first seat without glasses, ready_to_pair first); earlier codes of that seat stop working. */
  async generatePairingCode(tenantId: string, seatId?: string): Promise<PairingCode> {
    const { db, clock } = this.deps;
    await this.seats.ensureTrial(tenantId);
    const code = newPairingCode();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
    const seat = await db.transaction().execute(async (trx) => {
      let seat = seatId ? await this.seats.getRow(tenantId, seatId, trx) : undefined;
      if (!seat) {
        seat = await this.seats.firstNeedingDevice(trx, tenantId);
        if (!seat) throw badRequest('No seat needs a device. Add a seat (add_seat) or unpair a device (unpair_device) first.', { field: 'seat_id' });
      }
      if (seat.status === 'active') throw conflict(`Seat ${seat.id.slice(0, 8)} already has paired glasses; unpair them first (unpair_device).`, { field: 'seat_id' });
      if (seat.status === 'awaiting_delivery') throw conflict(`Seat ${seat.id.slice(0, 8)} is waiting for ordered glasses; pair them once delivered.`, { field: 'seat_id' });
      await trx.updateTable('pairing_codes').set({ invalidated_at: now }).where('seat_id', '=', seat.id).where('used_at', 'is', null).where('invalidated_at', 'is', null).execute();
      await trx
        .insertInto('pairing_codes')
        .values({ id: crypto.randomUUID(), tenant_id: tenantId, seat_id: seat.id, code_hash: hashPairingCode(code), created_at: now, expires_at: expiresAt, used_at: null, invalidated_at: null })
        .execute();
      return seat;
    });
    return { code, seat_id: seat.id, expires_at: expiresAt.toISOString(), qr_payload: qrPayload(this.deps.publicUrl(), code), expected_device: presentSeat(seat).expected_device };
  }

  /**
   * The glasses redeem a code: single use (the code row is claimed atomically), the seat's expected
   * serial must match, and the new credential is returned once. Throttled per client address.
   */
  async redeem(limiter: RateLimiter, clientKey: string, input: { code: string; model: string; serial: string }) {
    await limiter.enforce(`pair:${clientKey}`, PAIRING_ATTEMPTS_PER_MINUTE, 60, `Too many pairing attempts from this address; wait a minute, then enter the code shown in Dashboard → Seats.`);
    const { db, clock } = this.deps;
    const now = clock.now();
    const credential = generateToken(DEVICE_CREDENTIAL_PREFIX);
    return db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('pairing_codes')
        .set({ used_at: now })
        .where('code_hash', '=', hashPairingCode(input.code))
        .where('used_at', 'is', null)
        .where('invalidated_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['tenant_id', 'seat_id'])
        .executeTakeFirst();
      if (!claimed) throw unauthorized('Unknown, used, replaced or expired pairing code. Generate a new one in Dashboard → Seats → Pair Device.');
      const seat = await this.seats.getRow(claimed.tenant_id, claimed.seat_id, trx);
      if (seat.status === 'active') throw conflict('This seat already has paired glasses; unpair them in Dashboard → Devices first.', { field: 'code' });
      if (seat.expected_serial && seat.expected_serial !== input.serial) {
        throw badRequest(`These glasses (serial ${input.serial}) are not the ones registered for this seat (${presentSeat(seat).expected_device?.serial_masked}).`, { field: 'serial' });
      }
      if (seat.expected_model && seat.expected_model !== input.model) {
        throw badRequest(`This seat expects ${seat.expected_model}, not ${input.model}.`, { field: 'model' });
      }
      const deviceId = crypto.randomUUID();
      await trx
        .insertInto('devices')
        .values({
          id: deviceId,
          tenant_id: claimed.tenant_id,
          seat_id: seat.id,
          model: input.model,
          serial: input.serial,
          credential_hash: hashToken(credential),
          status: 'paired',
          paired_at: now,
          last_seen_at: now,
          unpaired_at: null,
        })
        .execute();
      await this.seats.markPaired(trx, claimed.tenant_id, seat.id, input);
      const tenant = await trx.selectFrom('tenants').select('name').where('id', '=', claimed.tenant_id).executeTakeFirstOrThrow();
      return { device_id: deviceId, device_credential: credential, seat_id: seat.id, roles: seat.roles, tenant_name: tenant.name, user_name: seat.user_name };
    });
  }

  /** The device behind a credential, or 401: malformed, unknown, unpaired, or its tenant disabled. Records last_seen_at. */
  async authenticate(credential: string | null): Promise<AuthenticatedDevice> {
    if (!credential || !isWellFormedToken(credential, [DEVICE_CREDENTIAL_PREFIX])) {
      throw unauthorized('Send Authorization: Bearer tad_… with the device credential received when pairing (trainar-device pair).');
    }
    const row = await this.deps.db
      .selectFrom('devices')
      .innerJoin('tenants', 'tenants.id', 'devices.tenant_id')
      .select(['devices.id', 'devices.tenant_id', 'devices.seat_id', 'devices.status', 'tenants.status as tenant_status'])
      .where('devices.credential_hash', '=', hashToken(credential))
      .executeTakeFirst();
    if (row?.status !== 'paired' || row.tenant_status !== 'active' || !row.seat_id) {
      throw unauthorized('This device is not paired (unknown or revoked credential). Pair it again with a code from Dashboard → Seats.');
    }
    await this.deps.db.updateTable('devices').set({ last_seen_at: this.deps.clock.now() }).where('id', '=', row.id).execute();
    return { deviceId: row.id, tenantId: row.tenant_id, seatId: row.seat_id };
  }

  /** What the device API shows a device about itself. */
  async describe(device: AuthenticatedDevice) {
    const [d, seat] = await Promise.all([this.get(device.tenantId, device.deviceId), this.seats.get(device.tenantId, device.seatId)]);
    return { device: d, seat: { id: seat.id, roles: seat.roles, user_name: seat.user_name } };
  }

  async unpair(tenantId: string, target: { device_id?: string; seat_id?: string }): Promise<Device> {
    const { db } = this.deps;
    const id = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('devices').select(['id', 'seat_id', 'status']).where('tenant_id', '=', tenantId);
      q = target.device_id ? q.where('id', '=', target.device_id) : q.where('seat_id', '=', target.seat_id as string).where('status', '=', 'paired');
      const row = await q.executeTakeFirst();
      if (!row) {
        throw notFound(target.device_id ? `No device ${target.device_id} in this tenant.` : `Seat ${target.seat_id} has no paired device in this tenant.`, { field: target.device_id ? 'device_id' : 'seat_id' });
      }
      if (row.status === 'paired') await this.markUnpaired(trx, tenantId, row.id, row.seat_id);
      return row.id;
    });
    return this.get(tenantId, id);
  }

  private async markUnpaired(trx: TrainArExecutor, tenantId: string, deviceId: string, seatId: string | null) {
    const now = this.deps.clock.now();
    await trx.updateTable('devices').set({ status: 'unpaired', unpaired_at: now }).where('id', '=', deviceId).where('tenant_id', '=', tenantId).execute();
    // The glasses still exist and are known: the seat can pair them (or others) again.
    if (seatId) await this.seats.markReadyToPair(trx, tenantId, seatId);
  }

  /** SeatDeviceRelease: a removed seat's device is unpaired first. */
  async releaseSeat(trx: TrainArExecutor, tenantId: string, seatId: string): Promise<string | null> {
    const row = await trx.selectFrom('devices').select('id').where('tenant_id', '=', tenantId).where('seat_id', '=', seatId).where('status', '=', 'paired').executeTakeFirst();
    if (!row) return null;
    await this.markUnpaired(trx, tenantId, row.id, null);
    return row.id;
  }

  async touch(device: AuthenticatedDevice) {
    return { device_id: device.deviceId, last_seen_at: this.deps.clock.now().toISOString() };
  }
}
