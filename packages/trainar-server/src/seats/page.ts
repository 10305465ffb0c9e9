/**
 * @module Dashboard → Seats (admins only): counters, the seat table with Pair Device (QR valid 10
 * minutes, New Code), Register Serial, Reassign and Remove; the Add Seat wizard (roles and user,
 * then Buy from TrainAR / Bring your own / Skip); hardware orders with the sandbox "Advance order".
 */
import { type AppEnv, actionForm, button, csrfField, dataTable, emptyState, facts, html, notFound, redirectTo, requestLocale, statusBadge } from '@platform/kit';
import { DEVICE_MODELS, ops, type PairingCode, type Seat } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { qrDataUrl } from '../platform/qr';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, formField, formFields, page } from '../platform/view';
import type { SeatsServices } from './context';
import { ORDER_STATUS_BADGES, SEAT_ROLE_LABELS, SEAT_STATUS_BADGES } from './labels';
import { seatTabs } from './tabs';
import { addSeatWizard } from './wizard';

const NOTICES: Record<string, string> = {
  added: 'Seat added.',
  updated: 'Seat updated.',
  removed: 'Seat removed; its glasses were unpaired.',
  serial: 'Serial registered: the seat is ready to pair.',
  advanced: 'Order advanced (sandbox).',
};

async function pairingCard(c: Context, code: PairingCode, timezone: string) {
  return html`<article aria-label="Pair device" id="pairing">
    <header><strong>Pair glasses with seat ${code.seat_id.slice(0, 8)}</strong></header>
    <p>On the glasses choose <em>Pair with Dashboard</em> and scan this code, or type it.</p>
    <img src="${await qrDataUrl(code.qr_payload)}" alt="Pairing QR code for ${code.code}" width="240" height="240" />
    ${facts([
      ['Code', html`<code id="pairing-code">${code.code}</code>`],
      ['Valid until', formatDate(code.expires_at, timezone, requestLocale(c))],
      code.expected_device ? ['Expected glasses', `${code.expected_device.model} ${code.expected_device.serial_masked}`] : null,
    ])}
    ${actionForm(c, { action: `/dashboard/seats/${code.seat_id}/pair`, label: 'New code', variant: 'secondary' })}
    <p><small>Single use, valid 10 minutes; a new code replaces this one. Simulator: <code>npx trainar-device pair --server ${new URL(c.req.url).origin} --code ${code.code} --state device.json</code></small></p>
  </article>`;
}

function seatColumns(c: Context, users: { id: string; full_name: string }[]) {
  return [
    { label: 'Seat', cell: (s: Seat) => html`<code>${s.short_id}</code>` },
    { label: 'Roles', cell: (s: Seat) => s.roles.map((r) => SEAT_ROLE_LABELS[r]).join(', ') },
    {
      label: 'User',
      cell: (s: Seat) => html`<form method="post" action="/dashboard/seats/${s.id}/assign" class="row-edit">${csrfField(c)}
        <select name="user_id" aria-label="User of seat ${s.short_id}"><option value="">Unassigned</option>${users.map((u) => html`<option value="${u.id}"${u.id === s.user_id ? html` selected` : ''}>${u.full_name}</option>`)}</select>
        ${button('Reassign', { variant: 'secondary' })}</form>`,
    },
    { label: 'Device', empty: 'No device yet', cell: (s: Seat) => (s.expected_device ? `${s.expected_device.model} ${s.expected_device.serial_masked}` : null) },
    { label: 'Status', cell: (s: Seat) => statusBadge(SEAT_STATUS_BADGES, s.status) },
    {
      label: 'Actions',
      cell: (s: Seat) =>
        html`${['needs_device', 'byoh_pending', 'ready_to_pair'].includes(s.status) ? actionForm(c, { action: `/dashboard/seats/${s.id}/pair`, label: 'Pair Device' }) : ''}
        ${actionForm(c, { action: `/dashboard/seats/${s.id}/remove`, label: 'Remove Seat', variant: 'danger', confirm: `Remove seat ${s.short_id}? Its glasses are unpaired at once; past sessions stay.` })}`,
    },
  ];
}

interface RenderOptions {
  error?: string;
  status?: number;
  pairing?: PairingCode;
}

async function render(c: Context, deps: PageDeps<SeatsServices>, me: SessionUser, options: RenderOptions = {}) {
  const { services } = deps;
  const [{ seats, total, seat_limit, plan }, { users }, { orders }] = await Promise.all([
    services.seats.list(me.tenantId),
    services.users.list(me.tenantId, { limit: 1000, offset: 0 }),
    services.orders.list(me.tenantId),
  ]);
  const locale = requestLocale(c);
  const activeUsers = users.filter((u) => u.is_active);
  const registerable = seats.filter((s) => ['needs_device', 'byoh_pending', 'ready_to_pair'].includes(s.status));
  return page(c, {
    title: 'Seats',
    user: me,
    notice: NOTICES[c.req.query('notice') ?? ''] ?? null,
    error: options.error,
    status: options.status ?? 200,
    body: html`<h1>Seats</h1>${seatTabs('seats')}
      ${facts([
        ['Seats', `${total} of ${seat_limit} (${plan} plan)`],
        ['Trainer seats', String(seats.filter((s) => s.roles.includes('trainer')).length)],
        ['Trainee seats', String(seats.filter((s) => s.roles.includes('trainee')).length)],
      ])}
      ${options.pairing ? await pairingCard(c, options.pairing, me.timezone) : ''}
      ${dataTable({ columns: seatColumns(c, activeUsers), rows: seats, rowAttrs: (s) => ({ 'data-seat-id': s.id }), empty: emptyState('No seats', 'Add a seat below to pair glasses.') })}
      ${
        registerable.length
          ? html`<article><h2>Register Serial (bring your own glasses)</h2>
        <form method="post" action="/dashboard/seats/serial">${csrfField(c)}
          <label for="serial-seat">Seat</label><select id="serial-seat" name="seat_id">${registerable.map((s) => html`<option value="${s.id}">${s.short_id} (${SEAT_STATUS_BADGES[s.status].label})</option>`)}</select>
          <label for="serial-model">Model</label><select id="serial-model" name="model">${DEVICE_MODELS.map((m) => html`<option value="${m}">${m}</option>`)}</select>
          <label for="serial-serial">Serial</label><input id="serial-serial" name="serial" required maxlength="40" />
          ${button('Register serial')}
        </form></article>`
          : ''
      }
      ${addSeatWizard(c, activeUsers, total >= seat_limit ? `All ${seat_limit} seat(s) of your ${plan} plan are in use: remove one or add seats in Billing.` : null)}
      <h2>Hardware orders</h2>
      ${dataTable({
        columns: [
          { label: 'Glasses', cell: (o: (typeof orders)[number]) => o.model },
          { label: 'Seat', empty: 'Seat removed', cell: (o) => (o.seat_id ? html`<code>${o.seat_id.slice(0, 8)}</code>` : null) },
          { label: 'Price', cell: (o) => new Intl.NumberFormat(locale, { style: 'currency', currency: o.currency }).format(o.price) },
          { label: 'Status', cell: (o) => statusBadge(ORDER_STATUS_BADGES, o.status) },
          { label: 'Ordered', cell: (o) => formatDate(o.created_at, me.timezone, locale) },
          {
            label: 'Actions',
            empty: 'No actions',
            cell: (o) =>
              o.sandbox && ['pending', 'paid', 'shipped'].includes(o.status) ? actionForm(c, { action: `/dashboard/seats/orders/${o.id}/advance`, label: 'Advance order (sandbox)', variant: 'secondary' }) : null,
          },
        ],
        rows: orders,
        empty: emptyState('No orders', 'Buy glasses from TrainAR in the Add Seat wizard.'),
      })}`,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function mountSeatsPage(app: Hono<AppEnv>, deps: PageDeps<SeatsServices>): void {
  const admin = { adminOnly: true };
  const post = (path: string, run: (c: Context, me: SessionUser, form: Record<string, unknown>) => Promise<Response>) =>
    app.post(
      path,
      signedIn(
        deps,
        (c, me) =>
          withFormErrors(
            c,
            me,
            async () => run(c, me, await readForm(c)),
            (error, status) => render(c, deps, me, { error, status }),
          ),
        admin,
      ),
    );
  const seatId = (c: Context) => {
    const id = c.req.param('id') ?? '';
    if (!UUID.test(id)) throw notFound('No such seat or order: go back to Dashboard → Seats.');
    return id;
  };

  app.get(
    '/dashboard/seats',
    signedIn(deps, (c, me) => render(c, deps, me), admin),
  );
  post('/dashboard/seats', async (c, me, form) => {
    const parsed = ops.addSeat.input.safeParse({
      roles: formFields(form, 'roles'),
      user_id: formField(form, 'user_id') || undefined,
      device_option: formField(form, 'device_option') || 'skip',
      model: formField(form, 'device_option') === 'byoh' ? formField(form, 'model') || undefined : undefined,
      serial: formField(form, 'device_option') === 'byoh' ? formField(form, 'serial') || undefined : undefined,
      product: formField(form, 'device_option') === 'buy' ? formField(form, 'product') || undefined : undefined,
      financing: formField(form, 'financing') || 'none',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return render(c, deps, me, { error: `${String(issue.path[0] ?? 'form')}: ${issue.message}`, status: 400 });
    }
    await deps.services.seats.add(me.tenantId, parsed.data);
    return redirectTo(c, '/dashboard/seats?notice=added');
  });
  post('/dashboard/seats/serial', async (c, me, form) => {
    const parsed = ops.registerSeatSerial.input.safeParse({ seat_id: formField(form, 'seat_id'), model: formField(form, 'model'), serial: formField(form, 'serial') });
    if (!parsed.success) return render(c, deps, me, { error: `${String(parsed.error.issues[0].path[0])}: ${parsed.error.issues[0].message}`, status: 400 });
    await deps.services.seats.registerSerial(me.tenantId, parsed.data.seat_id, parsed.data.model, parsed.data.serial);
    return redirectTo(c, '/dashboard/seats?notice=serial');
  });
  post('/dashboard/seats/:id/pair', async (c, me) => {
    const pairing = await deps.services.pairing.generatePairingCode(me.tenantId, seatId(c));
    // The code is on this response only (it is stored hashed); reloading shows the seat list.
    c.header('Cache-Control', 'no-store');
    return render(c, deps, me, { pairing, status: 201 });
  });
  post('/dashboard/seats/:id/assign', async (c, me, form) => {
    await deps.services.seats.update(me.tenantId, seatId(c), { user_id: formField(form, 'user_id') || null });
    return redirectTo(c, '/dashboard/seats?notice=updated');
  });
  post('/dashboard/seats/:id/remove', async (c, me) => {
    await deps.services.seats.remove(me.tenantId, seatId(c));
    return redirectTo(c, '/dashboard/seats?notice=removed');
  });
  post('/dashboard/seats/orders/:id/advance', async (c, me) => {
    await deps.services.orders.advance(me.tenantId, seatId(c));
    return redirectTo(c, '/dashboard/seats?notice=advanced');
  });
}
