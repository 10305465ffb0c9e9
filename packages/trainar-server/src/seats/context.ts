/** @module What the seats module's handlers and pages receive: the request plus this module's services and the ports its pages use. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { OrderService } from './orders';
import type { SeatsPorts } from './ports';
import type { SeatService } from './service';

export type SeatsServices = Pick<SeatsPorts, 'pairing' | 'users'> & {
  seats: SeatService;
  orders: OrderService;
};

export const implementSeats = implementer<TrainArContext<SeatsServices>>();
