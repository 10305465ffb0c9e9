/**
 * @module What the devices module needs from other modules, as interfaces the composition root
 * (composition.ts) wires: the seats a code pairs glasses with (seats module) and the session
 * timings pairing hands the glasses (sessions module's constants).
 */
import type { SeatService } from '../seats';

/** What pairing tells the glasses: how often to heartbeat a session, and after how much silence it is closed. */
export interface DeviceSessionTimings {
  heartbeatIntervalSeconds: number;
  sessionTimeoutSeconds: number;
}

export interface DevicesPorts {
  /**
   * A pairing code is issued for a seat and redeemed against it; pairing and unpairing move the
   * seat's status (in the devices transaction); `/v1/device/me` shows the seat.
   */
  seats: Pick<SeatService, 'ensureTrial' | 'getRow' | 'get' | 'firstNeedingDevice' | 'markPaired' | 'markReadyToPair'>;
  sessionTimings: DeviceSessionTimings;
}
