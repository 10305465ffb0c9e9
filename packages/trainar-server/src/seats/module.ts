/** @module The seats module: seats and their allowance, hardware orders, and Dashboard → Seats (the Add Seat wizard, Pair Device, Register Serial). */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { SeatsServices } from './context';
import { seatHandlers } from './handlers';
import { OrderService } from './orders';
import { mountSeatsPage } from './page';
import type { SeatsPorts } from './ports';
import { SeatService } from './service';

export function createSeatsModule(platform: PlatformServices, ports: SeatsPorts): TrainArModule<SeatsServices> {
  const seats = new SeatService(platform, ports.allowance, ports.deviceRelease);
  const services: SeatsServices = { pairing: ports.pairing, users: ports.users, seats, orders: new OrderService(platform, seats) };
  return { name: 'seats', services, implementations: seatHandlers, mountPages: (app, shell) => mountSeatsPage(app, { ...shell, services }) };
}
