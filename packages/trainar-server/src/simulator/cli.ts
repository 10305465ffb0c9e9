/**
 * @module `trainar-device`: simulated glasses. `pair` redeems a pairing code and keeps the device
 * credential in a state file (mode 0600); `run-session` starts a session, heartbeats, stops and
 * uploads results, then prints the session as the server recorded it; `status` shows the pairing.
 * `--speed` compresses waiting for demos: the server measures the real elapsed time, so a
 * `--seconds 600 --speed 10` session lasts, and is recorded as, about 60 s.
 */
import { hostname } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DeviceApiError, type DeviceState, deviceCall, loadState, saveState } from './device-client';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
}

const defaultIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

function positive(name: string, integer: boolean) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new InvalidArgumentError(`${name} must be a positive ${integer ? 'whole ' : ''}number.`);
    return n;
  };
}

function score(v: string) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError('--score must be a whole number from 0 to 100.');
  return n;
}

interface Session {
  id: string;
  name: string;
  role: string;
  status: string;
  task_id: string | null;
  duration_seconds: number | null;
  score: number | null;
  started_at: string;
  completed_at: string | null;
}

export function buildDeviceCli(io: Io = defaultIo): Command {
  const program = new Command('trainar-device')
    .description('Simulated TrainAR glasses: pair with a code from Dashboard → Seats, then run training sessions.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('pair')
    .description('Redeem a pairing code and keep the device credential in the state file (mode 0600).')
    .requiredOption('--server <url>', 'TrainAR server, e.g. http://localhost:3100')
    .requiredOption('--code <code>', 'Pairing code shown in Dashboard → Seats → Pair Device')
    .requiredOption('--state <file>', 'Where to keep the device credential')
    .addOption(new Option('--model <model>', 'Glasses model the device reports').choices(['INMO Air 3', 'Vuzix Blade 2']).default('INMO Air 3'))
    .option('--serial <serial>', 'Serial the device reports (must match a BYOH or delivered serial)', `SIM${hostname().replace(/[^A-Za-z0-9]/g, '').slice(0, 6).toUpperCase()}${Date.now().toString(36).toUpperCase()}`)
    .option('--json', 'Print the pairing as JSON (without the credential)')
    .action(async (o: { server: string; code: string; state: string; model: string; serial: string; json?: boolean }) => {
      const paired = await deviceCall<Omit<DeviceState, 'server' | 'model' | 'serial' | 'paired_at'>>(o.server, 'POST', '/v1/device/pair', { body: { code: o.code, model: o.model, serial: o.serial } });
      const state: DeviceState = { ...paired, server: o.server, model: o.model, serial: o.serial.replace(/[\s-]/g, '').toUpperCase(), paired_at: new Date().toISOString() };
      await saveState(o.state, state);
      const { device_credential: _, ...shown } = state;
      if (o.json) io.out(JSON.stringify(shown));
      else io.out(`Paired ${state.model} ${state.serial} as device ${state.device_id} on seat ${state.seat_id.slice(0, 8)} (${state.roles.join(' + ')}) of ${state.tenant_name}. Credential saved in ${o.state}.`);
    });

  program
    .command('status')
    .description('Show what the server knows about this device (fails when it was unpaired).')
    .requiredOption('--state <file>', 'State file written by pair')
    .option('--json', 'Print JSON')
    .action(async (o: { state: string; json?: boolean }) => {
      const state = await loadState(o.state);
      const me = await deviceCall<{ device: { id: string; status: string; last_seen_at: string }; seat: { id: string; roles: string[]; user_name: string | null } }>(state.server, 'GET', '/v1/device/me', { credential: state.device_credential });
      io.out(o.json ? JSON.stringify(me) : `Device ${me.device.id}: ${me.device.status}, seat ${me.seat.id.slice(0, 8)} (${me.seat.roles.join(' + ')}), user ${me.seat.user_name ?? 'unassigned'}.`);
    });

  program
    .command('run-session')
    .description('Start a session, heartbeat, stop and upload results; prints the session as the server recorded it.')
    .requiredOption('--state <file>', 'State file written by pair')
    .requiredOption('--seconds <n>', 'How long the session runs (before --speed)', positive('--seconds', false))
    .option('--task <id>', 'Task id to work on (the task completes with the upload unless --no-complete-task)')
    .option('--no-complete-task', 'Leave the linked task in progress')
    .addOption(new Option('--role <role>', 'trainer or trainee (default: the seat\'s first role)').choices(['trainer', 'trainee']))
    .option('--score <s>', 'Score 0-100 to upload', score)
    .option('--summary <text>', 'Summary to upload', 'Simulated training session')
    .option('--speed <x>', 'Compress waiting by this factor (the server measures real time)', positive('--speed', false), 1)
    .option('--json', 'Print the final session as JSON')
    .action(async (o: { state: string; seconds: number; task?: string; completeTask: boolean; role?: string; score?: number; summary: string; speed: number; json?: boolean }) => {
      const state = await loadState(o.state);
      const call = <T>(method: string, path: string, body?: unknown) => deviceCall<T>(state.server, method, path, { credential: state.device_credential, body });
      const role = o.role ?? state.roles[0] ?? 'trainee';
      const started = await call<Session>('POST', '/v1/device/sessions', { role, ...(o.task ? { task_id: o.task } : {}) });
      if (!o.json) io.out(`Session ${started.id} started (${role}${started.task_id ? `, task ${started.task_id}` : ''}).`);
      const totalMs = (o.seconds * 1000) / o.speed;
      const beatMs = Math.max(50, ((state.heartbeat_interval_seconds || 30) * 1000) / o.speed);
      const begin = Date.now();
      let warned = false;
      for (;;) {
        const left = totalMs - (Date.now() - begin);
        if (left <= 0) break;
        await io.sleep(Math.min(beatMs, left));
        if (totalMs - (Date.now() - begin) <= 0) break;
        // The server says how many minutes the tenant has left; on `stop` it has ended the session itself.
        const beat = await call<Session & { minutes?: { remaining: number; action: string } }>('POST', `/v1/device/sessions/${started.id}/heartbeat`);
        if (beat.minutes?.action === 'stop') {
          if (!o.json) io.out(`The tenant's minutes ran out (${beat.minutes.remaining} left): the server stopped the session.`);
          break;
        }
        if (beat.minutes?.action === 'warn' && !warned && !o.json) io.out(`Only ${beat.minutes.remaining} minutes left in the tenant's pool.`);
        warned ||= beat.minutes?.action === 'warn';
      }
      await call('POST', `/v1/device/sessions/${started.id}/stop`);
      const procedures = role === 'trainer' ? [{ name: 'Simulated procedure', description: 'Recorded by trainar-device', video_url: null }] : [];
      const done = await call<Session>('POST', `/v1/device/sessions/${started.id}/upload`, {
        summary: o.summary,
        score: o.score ?? null,
        procedures,
        complete_task: o.task ? o.completeTask : undefined,
      });
      if (o.json) io.out(JSON.stringify(done));
      else io.out(`Session ${done.id} ${done.status}: ${done.duration_seconds} s measured by the server, score ${done.score ?? 'none'}${done.task_id ? `, task ${done.task_id}` : ''}.`);
    });

  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed call, 2 usage). */
export async function runDeviceCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const program = buildDeviceCli(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof DeviceApiError) {
      io.err(`trainar-device: ${err.message}`);
      return 1;
    }
    io.err(`trainar-device: ${(err as Error).message}`);
    return 1;
  }
}
