/**
 * Seats and pairing over the real server: the one-seat trial, BYOH serial checks, sandbox orders,
 * single-use 10-minute pairing codes (a new code replaces the old), credentials hashed at rest and
 * revoked by unpairing, throttled redemption, and device credentials confined to the device API.
 */
import { hashToken } from '@platform/kit';
import { CLIENT_GENERATIONS, connectMcpHttp } from '@platform/kit/testing';
import { ops } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, pairDevice, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;

const pair = (code: string, serial = 'SERIAL123456', model = 'INMO Air 3') => h.call('POST', '/v1/device/pair', { body: { code, model, serial } });

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Seat Co');
  key = (await h.createKey(t.tenantId, ['manage:users', 'manage:devices', 'read:users', 'read:sessions'])).key;
});
afterAll(() => h?.close());

describe('seats', () => {
  it('starts a new tenant on a one-seat trial that can pair at once, and refuses a second seat', async () => {
    const list = await h.callOperation(ops.listSeats, {}, key);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, seat_limit: 1, plan: 'trial' });
    expect(list.body.seats[0]).toMatchObject({ roles: ['trainer', 'trainee'], status: 'needs_device', user_id: null });
    const more = await h.callOperation(ops.addSeat, { roles: ['trainee'] }, key);
    expect(more.status).toBe(409);
    expect(more.body.message).toMatch(/All 1 seat\(s\) of your trial plan are in use/);
  });

  it('adds seats within the allowance: BYOH with a validated serial, or a sandbox order that is delivered', async () => {
    await h.subscribe(t.tenantId, 3);
    const bad = await h.callOperation(ops.addSeat, { roles: ['trainer'], device_option: 'byoh', model: 'INMO Air 3', serial: 'a!' }, key);
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('serial');
    const byoh = await h.callOperation(ops.addSeat, { roles: ['trainer'], device_option: 'byoh', model: 'Vuzix Blade 2', serial: '45-1234-5545' }, key);
    expect(byoh.status).toBe(201);
    expect(byoh.body).toMatchObject({ status: 'ready_to_pair', expected_device: { model: 'Vuzix Blade 2', serial_masked: '45****545' } });

    const bought = await h.callOperation(ops.addSeat, { roles: ['trainee'], device_option: 'buy', product: 'inmo_air_3', financing: 'klarna_36' }, key);
    expect(bought.body.status).toBe('awaiting_delivery');
    const orders = await h.callOperation(ops.listOrders, {}, key);
    expect(orders.body.orders[0]).toMatchObject({ seat_id: bought.body.id, model: 'INMO Air 3', price: 899, currency: 'GBP', status: 'paid', financing: 'klarna_36' });
    await h.services.orders.advance(t.tenantId, orders.body.orders[0].id);
    const delivered = await h.services.orders.advance(t.tenantId, orders.body.orders[0].id);
    expect(delivered.status).toBe('delivered');
    const seat = await h.services.seats.get(t.tenantId, bought.body.id);
    expect(seat.status).toBe('ready_to_pair');
    expect(seat.expected_device?.model).toBe('INMO Air 3');

    const full = await h.callOperation(ops.addSeat, { roles: ['trainee'] }, key);
    expect(full.status).toBe(409);
    const removed = await h.callOperation(ops.removeSeat, { seat_id: byoh.body.id }, key);
    expect(removed.body).toMatchObject({ removed: true, unpaired_device_id: null });
  });

  it('reassigns a seat to a user of the tenant, one seat per user', async () => {
    const member = await h.invite(t.tenantId, 'member');
    const { seats } = await h.services.seats.list(t.tenantId);
    const res = await h.callOperation(ops.updateSeat, { seat_id: seats[0].id, user_id: member.id }, key);
    expect(res.body).toMatchObject({ user_id: member.id, user_name: member.full_name });
    const twice = await h.callOperation(ops.updateSeat, { seat_id: seats[1].id, user_id: member.id }, key);
    expect(twice.status).toBe(409);
    expect(twice.body.details.field).toBe('user_id');
  });
});

describe('pairing', () => {
  it('pairs with a single-use code; the credential is returned once and stored only as a hash', async () => {
    const t2 = await h.createTenant('Pair Co');
    const k2 = (await h.createKey(t2.tenantId, ['manage:devices', 'read:devices'])).key;
    const gen = await h.callOperation(ops.generatePairingCode, {}, k2);
    expect(gen.status).toBe(201);
    expect(gen.body.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(new Date(gen.body.expires_at).getTime() - h.clock.now().getTime()).toBe(10 * 60_000);
    expect(gen.body.qr_payload).toBe(`trainar://pair?server=${encodeURIComponent(h.url)}&code=${gen.body.code}`);

    const paired = await pair(gen.body.code.toLowerCase().replace('-', ' '));
    expect(paired.status).toBe(201);
    expect(paired.body.device_credential).toMatch(/^tad_/);
    expect(paired.body.seat_id).toBe(gen.body.seat_id);
    const row = await h.database.db.selectFrom('devices' as never).selectAll().where('id' as never, '=', paired.body.device_id as never).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(paired.body.device_credential);
    expect((row as { credential_hash: string }).credential_hash).toBe(hashToken(paired.body.device_credential));

    const again = await pair(gen.body.code);
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/Generate a new one in Dashboard → Seats/);
    const devices = await h.callOperation(ops.listDevices, {}, k2);
    expect(devices.body.devices).toEqual([expect.objectContaining({ id: paired.body.device_id, status: 'paired', serial: 'SERIAL123456' })]);
    const me = await deviceCall(h, paired.body.device_credential, 'GET', '/v1/device/me');
    expect(me.body.seat.id).toBe(gen.body.seat_id);
  });

  it('a new code replaces the old one, and a code expires after 10 minutes', async () => {
    const t3 = await h.createTenant('Code Co');
    const first = await h.services.devices.generatePairingCode(t3.tenantId);
    const second = await h.services.devices.generatePairingCode(t3.tenantId, first.seat_id);
    expect((await pair(first.code)).status).toBe(401);
    h.clock.advance(10 * 60_000);
    expect((await pair(second.code)).status).toBe(401);
    const third = await h.services.devices.generatePairingCode(t3.tenantId);
    h.clock.advance(9 * 60_000);
    expect((await pair(third.code)).status).toBe(201);
    h.clock.advance(61_000); // a fresh rate-limit window for the next test
  });

  it('checks the registered serial, and refuses a seat that already has glasses', async () => {
    const t4 = await h.createTenant('Byoh Co');
    const { seats } = await h.services.seats.list(t4.tenantId);
    await h.services.seats.registerSerial(t4.tenantId, seats[0].id, 'INMO Air 3', 'ABC123456');
    const code = await h.services.devices.generatePairingCode(t4.tenantId);
    const wrong = await pair(code.code, 'ZZZ999999');
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.field).toBe('serial');
    expect((await pair(code.code, 'abc-123456')).status).toBe(201);
    const k4 = (await h.createKey(t4.tenantId, ['manage:devices'])).key;
    const busy = await h.callOperation(ops.generatePairingCode, { seat_id: seats[0].id }, k4);
    expect(busy.status).toBe(409);
    expect(busy.body.message).toMatch(/unpair them first/);
    h.clock.advance(61_000);
  });

  it('throttles pairing attempts per address', async () => {
    const t5 = await h.createTenant('Guess Co');
    const code = await h.services.devices.generatePairingCode(t5.tenantId);
    for (let i = 0; i < 10; i++) expect((await pair('AAAA-AAAA')).status).toBe(401);
    const refused = await pair(code.code);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('RATE_LIMITED');
    h.clock.advance(61_000);
    expect((await pair(code.code)).status).toBe(201);
  });
});

describe('device credentials', () => {
  it('cannot call the Tenant API, a tenant key cannot call the device API, and unpairing revokes the credential', async () => {
    const t6 = await h.createTenant('Cred Co');
    const k6 = (await h.createKey(t6.tenantId, ['manage:devices', 'read:users'])).key;
    const d = await pairDevice(h, t6.tenantId);
    const tenantApi = await h.call('GET', '/v1/api-tenant-users', { key: d.credential });
    expect(tenantApi.status).toBe(401);
    expect((await deviceCall(h, k6, 'GET', '/v1/device/me')).status).toBe(401);
    expect((await deviceCall(h, null, 'POST', '/v1/device/heartbeat')).status).toBe(401);

    const beat = await deviceCall(h, d.credential, 'POST', '/v1/device/heartbeat');
    expect(beat.body.last_seen_at).toBe(h.clock.now().toISOString());
    const unpaired = await h.callOperation(ops.unpairDevice, { seat_id: d.seatId }, k6);
    expect(unpaired.body).toMatchObject({ id: d.deviceId, status: 'unpaired' });
    const refused = await deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/not paired/);
    expect((await h.services.seats.get(t6.tenantId, d.seatId)).status).toBe('ready_to_pair');
  });

  it("cannot reach another tenant's session", async () => {
    const a = await pairDevice(h, (await h.createTenant('A Co')).tenantId);
    const bTenant = await h.createTenant('B Co');
    const b = await pairDevice(h, bTenant.tenantId);
    const bSession = await deviceCall(h, b.credential, 'POST', '/v1/device/sessions', { role: 'trainer' });
    expect(bSession.status).toBe(201);
    for (const action of ['heartbeat', 'stop', 'upload']) {
      const res = await deviceCall(h, a.credential, 'POST', `/v1/device/sessions/${bSession.body.id}/${action}`, {});
      expect(res.status).toBe(404);
    }
    const untouched = await h.services.sessions.get(bTenant.tenantId, bSession.body.id);
    expect(untouched).toMatchObject({ status: 'in_progress', stopped_at: null, last_heartbeat_at: bSession.body.started_at });
  });
});

describe('device tools over MCP', () => {
  it.each(CLIENT_GENERATIONS)('generates a pairing code and lists devices with the %s client', async (generation) => {
    const tm = await h.createTenant(`Mcp ${generation}`);
    const mk = (await h.createKey(tm.tenantId, ['manage:devices'])).key;
    const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${mk}` });
    try {
      const code = await client.callTool('generate_pairing_code', {});
      expect(code.isError).toBeFalsy();
      const pairing = code.structuredContent as { code: string; seat_id: string };
      expect(pairing.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect((await pair(pairing.code, `MCP${generation.toUpperCase()}12345`)).status).toBe(201);
      const listed = await client.callTool('list_devices', { seat_id: pairing.seat_id });
      expect((listed.structuredContent as { devices: { serial: string }[] }).devices.map((d) => d.serial)).toEqual([`MCP${generation.toUpperCase()}12345`]);
    } finally {
      await client.close();
    }
    h.clock.advance(61_000);
  });
});
