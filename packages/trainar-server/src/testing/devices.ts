/** @module Test helpers for the device API: pair glasses to a tenant's seat and call as the device. */
import type { HttpResult, TrainArHarness } from './harness';

export interface PairedDevice {
  seatId: string;
  deviceId: string;
  credential: string;
  serial: string;
}

/** A device paired over the real device API, to `seatId` or the tenant's first seat that needs one. */
export async function pairDevice(h: TrainArHarness, tenantId: string, options: { seatId?: string; model?: string; serial?: string } = {}): Promise<PairedDevice> {
  const code = await h.services.devices.generatePairingCode(tenantId, options.seatId);
  const serial = options.serial ?? `TST${crypto.randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`;
  const res = await h.call('POST', '/v1/device/pair', { body: { code: code.code, model: options.model ?? 'INMO Air 3', serial } });
  if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { seatId: res.body.seat_id, deviceId: res.body.device_id, credential: res.body.device_credential, serial };
}

/** A call to the device API with a device credential. */
export function deviceCall(h: TrainArHarness, credential: string | null, method: string, path: string, body?: unknown): Promise<HttpResult> {
  return h.call(method, path, { key: credential, body });
}
