/** @module The seats module's public surface: what other modules and the composition root may import. */
export type { SeatsServices } from './context';
export { SEAT_ROLE_LABELS } from './labels';
export { seatMigrations } from './migrations';
export { createSeatsModule } from './module';
export type { SeatAllowance, SeatDeviceRelease, SeatPairing, SeatsPorts } from './ports';
export { presentSeat, type SeatRow } from './present';
export { countSeats, type SeatService } from './service';
export { seatTabs } from './tabs';
