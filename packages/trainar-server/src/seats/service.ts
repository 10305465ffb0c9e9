/**
 * @module Seats: a paid licence holding one pair of glasses (spec 2.3). Statuses move
 * needs_device → byoh_pending (BYOH chosen, no serial yet) | awaiting_delivery (ordered) →
 * ready_to_pair (serial known) → active (paired; the devices module sets it). The number of seats
 * is bounded by the SeatAllowance port (billing: the subscription's seats). Every query filters by the caller's tenant.
 */
import { badRequest, conflict, notFound } from '@platform/kit';
import { HARDWARE_PRODUCTS, type HardwareProduct, type Seat, type SeatRole, type SeatStatus } from '@trainar/api';
import { sql } from 'kysely';
import { isUniqueViolation, type TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import type { SeatAllowance, SeatDeviceRelease } from './ports';
import { presentSeat, type SeatRow } from './present';
import './tables';

export interface AddSeatInput {
  roles: SeatRole[];
  user_id?: string;
  device_option: 'skip' | 'byoh' | 'buy';
  model?: string;
  serial?: string;
  product?: HardwareProduct;
  financing: string;
}

const rolesArray = (roles: string[]) => sql<string[]>`${sql.val([...new Set(roles)])}::text[]` as never;

export class SeatService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly allowance: SeatAllowance,
    private readonly deviceRelease: SeatDeviceRelease,
  ) {}

  base(db: TrainArExecutor, tenantId: string) {
    return db
      .selectFrom('seats')
      .leftJoin('users', 'users.id', 'seats.user_id')
      .leftJoin('devices', (j) => j.onRef('devices.seat_id', '=', 'seats.id').on('devices.status', '=', 'paired'))
      .selectAll('seats')
      .select(['users.full_name as user_name', 'users.email as user_email', 'devices.id as device_id'])
      .where('seats.tenant_id', '=', tenantId);
  }

  /**
   * A tenant seen for the first time gets its trial seat: one unassigned seat (trainer + trainee)
   * that can be paired at once. Runs once: the `seat_trials` row marks it done.
   */
  async ensureTrial(tenantId: string): Promise<void> {
    const { db, clock } = this.deps;
    const known = await db.selectFrom('seat_trials').select('tenant_id').where('tenant_id', '=', tenantId).executeTakeFirst();
    if (known) return;
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('seat_trials')
        .values({ tenant_id: tenantId, created_at: now })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .returning('tenant_id')
        .executeTakeFirst();
      const existing = await trx.selectFrom('seats').select('id').where('tenant_id', '=', tenantId).executeTakeFirst();
      if (!inserted || existing) return;
      await trx
        .insertInto('seats')
        .values({
          id: crypto.randomUUID(),
          tenant_id: tenantId,
          user_id: null,
          roles: rolesArray(['trainer', 'trainee']),
          status: 'needs_device',
          expected_model: null,
          expected_serial: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
  }

  async list(tenantId: string, filter: { status?: SeatStatus; role?: SeatRole; user_id?: string } = {}) {
    await this.ensureTrial(tenantId);
    let q = this.base(this.deps.db, tenantId);
    if (filter.status) q = q.where('seats.status', '=', filter.status);
    if (filter.role) q = q.where(sql<boolean>`${filter.role} = any(seats.roles)`);
    if (filter.user_id) q = q.where('seats.user_id', '=', filter.user_id);
    const [rows, allowance] = await Promise.all([q.orderBy('seats.created_at').orderBy('seats.id').execute(), this.allowance.seatLimit(tenantId)]);
    return { seats: rows.map(presentSeat), total: rows.length, seat_limit: allowance.seatLimit, plan: allowance.plan };
  }

  async getRow(tenantId: string, seatId: string, db: TrainArExecutor = this.deps.db): Promise<SeatRow> {
    const row = await this.base(db, tenantId).where('seats.id', '=', seatId).executeTakeFirst();
    if (!row) throw notFound(`No seat ${seatId} in this tenant. List seats with list_seats.`, { field: 'seat_id' });
    return row;
  }

  async get(tenantId: string, seatId: string): Promise<Seat> {
    return presentSeat(await this.getRow(tenantId, seatId));
  }

  /** The seat a pairing code goes to when none is named: the first without glasses, ready_to_pair first. */
  async firstNeedingDevice(db: TrainArExecutor, tenantId: string): Promise<SeatRow | undefined> {
    const candidates = await this.base(db, tenantId).where('seats.status', 'in', ['ready_to_pair', 'needs_device', 'byoh_pending']).orderBy('seats.created_at').orderBy('seats.id').execute();
    return candidates.find((s) => s.status === 'ready_to_pair') ?? candidates[0];
  }

  /** Glasses were paired with the seat (in the pairing transaction): it is active, expecting that model and serial. */
  async markPaired(trx: TrainArExecutor, tenantId: string, seatId: string, device: { model: string; serial: string }): Promise<void> {
    await trx
      .updateTable('seats')
      .set({ status: 'active', expected_model: device.model, expected_serial: device.serial, updated_at: this.deps.clock.now() })
      .where('id', '=', seatId)
      .where('tenant_id', '=', tenantId)
      .execute();
  }

  /** The seat's glasses were unpaired (in the caller's transaction): it can pair them, or others, again. */
  async markReadyToPair(trx: TrainArExecutor, tenantId: string, seatId: string): Promise<void> {
    await trx.updateTable('seats').set({ status: 'ready_to_pair', updated_at: this.deps.clock.now() }).where('id', '=', seatId).where('tenant_id', '=', tenantId).execute();
  }

  private async checkUser(trx: TrainArExecutor, tenantId: string, userId: string) {
    const user = await trx.selectFrom('users').select(['id', 'is_active']).where('id', '=', userId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!user) throw notFound(`No user ${userId} in this tenant. List users with list_users.`, { field: 'user_id' });
    if (!user.is_active) throw badRequest(`User ${userId} is deactivated; reactivate them first (reactivate_user).`, { field: 'user_id' });
  }

  private seatTaken(userId: string) {
    return conflict(`User ${userId} already has a seat; reassign or remove that seat first (update_seat / remove_seat).`, { field: 'user_id' });
  }

  /** Adds a seat within the allowance; the tenant row is locked so two adds cannot both take the last seat. */
  async add(tenantId: string, input: AddSeatInput): Promise<Seat> {
    const { db, clock } = this.deps;
    if (input.device_option === 'byoh' && (input.serial === undefined) !== (input.model === undefined)) {
      throw badRequest('For bring-your-own glasses give both model and serial, or neither (register later with register_seat_serial).', { field: input.serial ? 'model' : 'serial' });
    }
    if (input.device_option === 'buy' && !input.product) throw badRequest('Choose the glasses to buy: product inmo_air_3 or vuzix_blade_2.', { field: 'product' });
    await this.ensureTrial(tenantId);
    // Read once outside: the first read creates billing's row, which inside the transaction below
    // (holding the tenant row) could deadlock with a concurrent first billing read.
    await this.allowance.seatLimit(tenantId);
    const id = crypto.randomUUID();
    try {
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
        if (input.user_id) await this.checkUser(trx, tenantId, input.user_id);
        const { seatLimit, plan } = await this.allowance.seatLimit(tenantId, trx);
        const used = await trx
          .selectFrom('seats')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow();
        if (Number(used.n) >= seatLimit) {
          throw conflict(`All ${seatLimit} seat(s) of your ${plan} plan are in use. Remove a seat, or add seats to the subscription (Dashboard → Billing).`, { field: 'roles', seat_limit: seatLimit, plan });
        }
        const now = clock.now();
        const byoh = input.device_option === 'byoh';
        const status: SeatStatus = byoh ? (input.serial ? 'ready_to_pair' : 'byoh_pending') : 'needs_device';
        await trx
          .insertInto('seats')
          .values({
            id,
            tenant_id: tenantId,
            user_id: input.user_id ?? null,
            roles: rolesArray(input.roles),
            status,
            expected_model: byoh ? (input.model ?? null) : null,
            expected_serial: byoh ? (input.serial ?? null) : null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        if (input.device_option === 'buy' && input.product) await this.placeOrder(trx, tenantId, id, input.product, input.financing);
      });
    } catch (err) {
      if (isUniqueViolation(err) && input.user_id) throw this.seatTaken(input.user_id);
      throw err;
    }
    return this.get(tenantId, id);
  }

  /** Reassigns (user_id: null unassigns) and/or changes roles; the device stays paired. */
  async update(tenantId: string, seatId: string, patch: { user_id?: string | null; roles?: SeatRole[] }): Promise<Seat> {
    const { db, clock } = this.deps;
    try {
      await db.transaction().execute(async (trx) => {
        await this.getRow(tenantId, seatId, trx);
        if (patch.user_id) await this.checkUser(trx, tenantId, patch.user_id);
        const set: Record<string, unknown> = { updated_at: clock.now() };
        if (patch.user_id !== undefined) set.user_id = patch.user_id;
        if (patch.roles) set.roles = rolesArray(patch.roles);
        await trx.updateTable('seats').set(set).where('id', '=', seatId).where('tenant_id', '=', tenantId).execute();
      });
    } catch (err) {
      if (isUniqueViolation(err) && patch.user_id) throw this.seatTaken(patch.user_id);
      throw err;
    }
    return this.get(tenantId, seatId);
  }

  /** Removes a seat; its device is unpaired in the same transaction (credential revoked). */
  async remove(tenantId: string, seatId: string) {
    return this.deps.db.transaction().execute(async (trx) => {
      await this.getRow(tenantId, seatId, trx);
      const unpaired = await this.deviceRelease.releaseSeat(trx, tenantId, seatId);
      await trx.deleteFrom('seats').where('id', '=', seatId).where('tenant_id', '=', tenantId).execute();
      return { id: seatId, removed: true as const, unpaired_device_id: unpaired };
    });
  }

  /** BYOH: the model and serial the seat's glasses must report when they pair. */
  async registerSerial(tenantId: string, seatId: string, model: string, serial: string): Promise<Seat> {
    const { db, clock } = this.deps;
    await db.transaction().execute(async (trx) => {
      const seat = await this.getRow(tenantId, seatId, trx);
      if (seat.status === 'active') throw conflict(`Seat ${seat.id.slice(0, 8)} already has paired glasses; unpair them first (unpair_device).`, { field: 'seat_id' });
      if (seat.status === 'awaiting_delivery') throw conflict('This seat is waiting for ordered glasses; their serial is registered on delivery.', { field: 'seat_id' });
      const clash = await trx.selectFrom('seats').select('id').where('tenant_id', '=', tenantId).where('expected_serial', '=', serial).where('id', '!=', seatId).executeTakeFirst();
      if (clash) throw conflict(`Serial ${serial} is already registered to seat ${clash.id.slice(0, 8)}.`, { field: 'serial' });
      await trx.updateTable('seats').set({ expected_model: model, expected_serial: serial, status: 'ready_to_pair', updated_at: clock.now() }).where('id', '=', seatId).where('tenant_id', '=', tenantId).execute();
    });
    return this.get(tenantId, seatId);
  }

  /** Places a sandbox order (checkout accepted at once: `paid`) and moves the seat to awaiting_delivery. */
  async placeOrder(trx: TrainArExecutor, tenantId: string, seatId: string, product: HardwareProduct, financing: string) {
    const seat = await this.getRow(tenantId, seatId, trx);
    if (!['needs_device', 'byoh_pending'].includes(seat.status)) {
      throw conflict(`Seat ${seat.id.slice(0, 8)} is ${seat.status}; only a seat that needs a device can get an order.`, { field: 'seat_id' });
    }
    const now = this.deps.clock.now();
    const item = HARDWARE_PRODUCTS[product];
    const id = crypto.randomUUID();
    await trx
      .insertInto('hardware_orders')
      .values({
        id,
        tenant_id: tenantId,
        seat_id: seatId,
        product,
        model: item.model,
        price: String(item.price),
        currency: item.currency,
        status: 'paid',
        financing,
        sandbox: true,
        serial: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.updateTable('seats').set({ status: 'awaiting_delivery', expected_model: null, expected_serial: null, updated_at: now }).where('id', '=', seatId).execute();
    return id;
  }
}

/** The seats a tenant holds (billing's SeatsInUse port: seats cannot go below this). */
export async function countSeats(trx: TrainArExecutor, tenantId: string): Promise<number> {
  const row = await trx
    .selectFrom('seats')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
