/** @module Human labels for the device status (the design system shows enums only through label maps). */
import type { EnumBadges } from '@platform/kit';
import type { Device } from '@trainar/api';

export const DEVICE_STATUS_BADGES: EnumBadges<Device['status']> = {
  paired: { label: 'Paired', tone: 'success' },
  unpaired: { label: 'Unpaired', tone: 'neutral' },
};
