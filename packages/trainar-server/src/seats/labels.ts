/** @module Human labels for seat and order enums (the design system shows enums only through label maps); the seat-role labels are shared through index.ts. */
import type { EnumBadges, EnumLabels } from '@platform/kit';
import type { Order, Seat, SeatRole } from '@trainar/api';

export const SEAT_STATUS_BADGES: EnumBadges<Seat['status']> = {
  needs_device: { label: 'Needs device', tone: 'warning' },
  byoh_pending: { label: 'BYOH: serial needed', tone: 'warning' },
  awaiting_delivery: { label: 'Awaiting delivery', tone: 'info' },
  ready_to_pair: { label: 'Ready to pair', tone: 'info' },
  active: { label: 'Active', tone: 'success' },
};

export const SEAT_ROLE_LABELS: EnumLabels<SeatRole> = { trainer: 'Trainer', trainee: 'Trainee' };

export const ORDER_STATUS_BADGES: EnumBadges<Order['status']> = {
  pending: { label: 'Pending payment', tone: 'warning' },
  paid: { label: 'Paid', tone: 'info' },
  shipped: { label: 'Shipped', tone: 'info' },
  delivered: { label: 'Delivered', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const PRODUCT_LABELS: EnumLabels<Order['product']> = { inmo_air_3: 'INMO Air 3 (£899)', vuzix_blade_2: 'Vuzix Blade 2 (£775)' };
