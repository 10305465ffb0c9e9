/** @module Dashboard → Seats → Devices (admins only): paired and unpaired glasses, last seen, Unpair. */
import { type AppEnv, actionForm, dataTable, emptyState, html, notFound, redirectTo, requestLocale, statusBadge } from '@platform/kit';
import type { Device } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, page } from '../platform/view';
import { seatTabs } from '../seats';
import type { DevicesServices } from './context';
import { DEVICE_STATUS_BADGES } from './labels';

async function render(c: Context, deps: PageDeps<DevicesServices>, me: SessionUser, options: { error?: string; status?: number } = {}) {
  const { devices } = await deps.services.devices.list(me.tenantId);
  const locale = requestLocale(c);
  return page(c, {
    title: 'Devices',
    user: me,
    notice: c.req.query('notice') === 'unpaired' ? 'Device unpaired: its credential no longer works.' : null,
    error: options.error,
    status: options.status ?? 200,
    body: html`<h1>Devices</h1>${seatTabs('devices')}
      ${dataTable({
        columns: [
          { label: 'Glasses', cell: (d: Device) => `${d.model} ${d.serial}` },
          { label: 'Seat', empty: 'Seat removed', cell: (d: Device) => (d.seat_id ? html`<code>${d.seat_id.slice(0, 8)}</code>` : null) },
          { label: 'Status', cell: (d: Device) => statusBadge(DEVICE_STATUS_BADGES, d.status) },
          { label: 'Paired', cell: (d: Device) => formatDate(d.paired_at, me.timezone, locale) },
          { label: 'Last seen', cell: (d: Device) => formatDate(d.last_seen_at, me.timezone, locale) },
          {
            label: 'Actions',
            empty: 'No actions: unpaired',
            cell: (d: Device) =>
              d.status === 'paired'
                ? actionForm(c, { action: `/dashboard/devices/${d.id}/unpair`, label: 'Unpair', variant: 'danger', confirm: `Unpair ${d.model} ${d.serial}? It stops working at once; pair again with a new code.` })
                : null,
          },
        ],
        rows: devices,
        rowAttrs: (d) => ({ 'data-device-id': d.id }),
        empty: emptyState('No devices paired yet', html`Open <a href="/dashboard/seats">Seats</a> and choose Pair Device.`),
      })}`,
  });
}

export function mountDevicesPage(app: Hono<AppEnv>, deps: PageDeps<DevicesServices>): void {
  app.get(
    '/dashboard/devices',
    signedIn(deps, (c, me) => render(c, deps, me), { adminOnly: true }),
  );
  app.post(
    '/dashboard/devices/:id/unpair',
    signedIn(
      deps,
      (c, me) =>
        withFormErrors(
          c,
          me,
          async () => {
            await readForm(c);
            const id = c.req.param('id') ?? '';
            if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('No such device: go back to Dashboard → Seats → Devices.');
            await deps.services.devices.unpair(me.tenantId, { device_id: id });
            return redirectTo(c, '/dashboard/devices?notice=unpaired');
          },
          (error, status) => render(c, deps, me, { error, status }),
        ),
      { adminOnly: true },
    ),
  );
}
