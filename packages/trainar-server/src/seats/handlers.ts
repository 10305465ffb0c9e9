/** @module Seat and order operations → SeatService / OrderService (no SQL here). */
import { ops } from '@trainar/api';
import { implementSeats as implement } from './context';

export const seatHandlers = [
  implement(ops.listSeats, (input, ctx) => ctx.services.seats.list(ctx.tenantId, input)),
  implement(ops.addSeat, (input, ctx) => ctx.services.seats.add(ctx.tenantId, input)),
  implement(ops.updateSeat, (input, ctx) => ctx.services.seats.update(ctx.tenantId, input.seat_id, { user_id: input.user_id, roles: input.roles })),
  implement(ops.removeSeat, (input, ctx) => ctx.services.seats.remove(ctx.tenantId, input.seat_id)),
  implement(ops.registerSeatSerial, (input, ctx) => ctx.services.seats.registerSerial(ctx.tenantId, input.seat_id, input.model, input.serial)),
  implement(ops.orderSeatHardware, (input, ctx) => ctx.services.orders.order(ctx.tenantId, input.seat_id, input.product, input.financing)),
  implement(ops.listOrders, (input, ctx) => ctx.services.orders.list(ctx.tenantId, input)),
];
