/** @module Device and pairing-code tables, merged into TrainArTables. */
export interface PairingCodesTable {
  id: string;
  tenant_id: string;
  seat_id: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  invalidated_at: Date | null;
}

export interface DevicesTable {
  id: string;
  tenant_id: string;
  seat_id: string | null;
  model: string;
  serial: string;
  credential_hash: string;
  status: 'paired' | 'unpaired';
  paired_at: Date;
  last_seen_at: Date | null;
  unpaired_at: Date | null;
}

declare module '../platform/db' {
  interface TrainArTables {
    pairing_codes: PairingCodesTable;
    devices: DevicesTable;
  }
}
