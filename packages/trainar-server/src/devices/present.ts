import type { Device } from '@trainar/api';
import { iso } from '../platform/db';
import type { DevicesTable } from './tables';

export function presentDevice(row: DevicesTable): Device {
  return {
    id: row.id,
    seat_id: row.seat_id,
    model: row.model,
    serial: row.serial,
    status: row.status,
    paired_at: iso(row.paired_at) as string,
    last_seen_at: iso(row.last_seen_at),
    unpaired_at: iso(row.unpaired_at),
  };
}
