/**
 * @module Builds the seats, devices and sessions services and wires their ports: the seat allowance
 * (billing's subscription seats), a removed seat's device release, and the session ↔ task link.
 */
import type { ServiceDeps } from '../platform/deps';
import { OrderService } from '../seats/orders';
import type { SeatAllowance } from '../seats/ports';
import { SeatService } from '../seats/service';
import type { SessionMinutes, SessionTasks } from '../sessions/ports';
import { SessionQueries } from '../sessions/queries';
import { SessionService } from '../sessions/service';
import { DeviceService } from './service';

export function createDeviceServices(deps: ServiceDeps, sessionTasks: SessionTasks, minutes: SessionMinutes, seatAllowance: SeatAllowance) {
  let devices: DeviceService | undefined;
  const seats = new SeatService(deps, seatAllowance, () => devices as DeviceService);
  devices = new DeviceService(deps, seats);
  const sessions = new SessionService(deps, sessionTasks, minutes);
  return { seats, orders: new OrderService(deps, seats), devices, sessions, sessionQueries: new SessionQueries(deps, sessions) };
}
