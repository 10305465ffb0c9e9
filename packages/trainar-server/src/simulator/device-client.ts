/**
 * @module The simulator's HTTP side: the device API calls, and the state file that keeps the device
 * credential (written with mode 0600, since it is a bearer secret).
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';

export interface DeviceState {
  server: string;
  device_id: string;
  device_credential: string;
  seat_id: string;
  roles: string[];
  tenant_name: string;
  model: string;
  serial: string;
  heartbeat_interval_seconds: number;
  paired_at: string;
}

export class DeviceApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function deviceCall<T>(server: string, method: string, path: string, options: { credential?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.credential) headers.Authorization = `Bearer ${options.credential}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(new URL(path, server), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch (err) {
    throw new DeviceApiError(0, 'UNREACHABLE', `Cannot reach ${server}: ${(err as Error).message}. Is the TrainAR server running (npm start)?`);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // non-JSON error pages are reported by status below
  }
  if (!res.ok) {
    const b = (parsed ?? {}) as { error?: string; message?: string; details?: { field?: string } };
    const field = b.details?.field ? ` (field: ${b.details.field})` : '';
    throw new DeviceApiError(res.status, b.error ?? `HTTP_${res.status}`, `${b.error ?? `HTTP ${res.status}`}: ${b.message ?? text.slice(0, 200)}${field}`);
  }
  return parsed as T;
}

export async function saveState(file: string, state: DeviceState): Promise<void> {
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an existing file is tightened too.
  await chmod(file, 0o600);
}

export async function loadState(file: string): Promise<DeviceState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`No state file ${file}: pair first (trainar-device pair --server URL --code CODE --state ${file}).`);
  }
  const state = JSON.parse(text) as DeviceState;
  if (!state.device_credential || !state.server) throw new Error(`${file} is not a trainar-device state file; pair again.`);
  return state;
}
