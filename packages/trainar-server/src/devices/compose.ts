/**
 * @module Builds the seats, devices and sessions services and wires their ports: the seat allowance
 * (TableSeatAllowance until billing), a removed seat's device release, and the session ↔ task link.
 */
import type { ServiceDeps } from '../deps';
import { TableSeatAllowance } from '../seats/allowance';
import { OrderService } from '../seats/orders';
import { SeatService } from '../seats/service';
import { SessionQueries } from '../sessions/queries';
import type { SessionMinutes, SessionTasks } from '../sessions/ports';
import { SessionService } from '../sessions/service';
import { DeviceService } from './service';

export function createDeviceServices(deps: ServiceDeps, sessionTasks: SessionTasks, minutes: SessionMinutes) {
  const seatAllowance = new TableSeatAllowance(deps);
  let devices: DeviceService | undefined;
  const seats = new SeatService(deps, seatAllowance, () => devices as DeviceService);
  devices = new DeviceService(deps, seats);
  const sessions = new SessionService(deps, sessionTasks, minutes);
  return { seatAllowance, seats, orders: new OrderService(deps, seats), devices, sessions, sessionQueries: new SessionQueries(deps, sessions) };
}
