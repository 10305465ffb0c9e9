/** @module The Seats | Devices tabs heading Dashboard → Seats and its Devices page (the devices module's). */
import { html } from '@platform/kit';

export const seatTabs = (current: 'seats' | 'devices') =>
  html`<nav aria-label="Seats and devices"><ul><li><a href="/dashboard/seats"${current === 'seats' ? html` aria-current="page"` : ''}>Seats</a></li><li><a href="/dashboard/devices"${current === 'devices' ? html` aria-current="page"` : ''}>Devices</a></li></ul></nav>`;
