/**
 * @module `auth claim-status --wait`: polls the claim grant at the server's interval (raising it on
 * slow_down, as RFC 8628 asks) until the human completes the claim or the timeout passes, showing a
 * spinner with a countdown on a terminal and one line per check otherwise.
 */
import type { ClaimPoll } from '@opentrain/client';
import { NetworkError } from '@platform/kit';

export const DEFAULT_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: on slow_down, add 5 s to the interval for good. */
export const SLOW_DOWN_STEP_SECONDS = 5;

export interface WaitProgress {
  /** Called about every `tickMs` while waiting for the next check. */
  tick(state: { status: string; nextCheckSeconds: number; secondsLeft: number }): void;
  /** Called after every check that did not finish the wait. */
  checked(state: { status: string; description: string; intervalSeconds: number; secondsLeft: number }): void;
  done(): void;
}

export interface WaitDeps {
  poll(): Promise<ClaimPoll>;
  now(): number;
  sleep(ms: number): Promise<void>;
  progress: WaitProgress;
  tickMs?: number;
}

export type WaitResult =
  | (ClaimPoll & { status: 'claimed' })
  | {
      status: 'authorization_pending' | 'slow_down';
      description: string;
      intervalSeconds: number;
      timedOut: boolean;
    };

/** The interval to use after a pending answer: the server's when it says, else our own rule. */
export function nextInterval(current: number, res: Exclude<ClaimPoll, { status: 'claimed' }>): number {
  if (res.interval && res.interval > 0) return res.status === 'slow_down' ? Math.max(res.interval, current + SLOW_DOWN_STEP_SECONDS) : Math.max(res.interval, current);
  return res.status === 'slow_down' ? current + SLOW_DOWN_STEP_SECONDS : current;
}

export async function waitForClaim(deps: WaitDeps, timeoutSeconds: number, initialInterval = DEFAULT_INTERVAL_SECONDS): Promise<WaitResult> {
  const deadline = deps.now() + timeoutSeconds * 1000;
  const tickMs = deps.tickMs ?? 1000;
  let interval = initialInterval;
  let last: Exclude<WaitResult, { status: 'claimed' }> = {
    status: 'authorization_pending',
    description: '',
    intervalSeconds: interval,
    timedOut: false,
  };
  try {
    for (;;) {
      try {
        const res = await deps.poll();
        if (res.status === 'claimed') return res;
        interval = nextInterval(interval, res);
        last = {
          status: res.status,
          description: res.description,
          intervalSeconds: interval,
          timedOut: false,
        };
      } catch (err) {
        // A transient network failure must not end a half-hour wait; the next check retries.
        if (!(err instanceof NetworkError)) throw err;
        last = {
          ...last,
          description: `could not reach the server (${err.code}); retrying`,
        };
      }
      const left = deadline - deps.now();
      deps.progress.checked({
        status: last.status,
        description: last.description,
        intervalSeconds: interval,
        secondsLeft: Math.max(0, Math.ceil(left / 1000)),
      });
      if (left < interval * 1000) return { ...last, timedOut: true };
      const nextAt = deps.now() + interval * 1000;
      while (deps.now() < nextAt) {
        const now = deps.now();
        deps.progress.tick({
          status: last.status,
          nextCheckSeconds: Math.ceil((nextAt - now) / 1000),
          secondsLeft: Math.ceil((deadline - now) / 1000),
        });
        await deps.sleep(Math.min(tickMs, nextAt - now));
      }
    }
  } finally {
    deps.progress.done();
  }
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function clockText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Spinner + countdown on one rewritten line (terminal), or one plain line per check (pipes, CI). */
export function createProgress(stream: NodeJS.WriteStream, interactive: boolean): WaitProgress {
  let frame = 0;
  let drawn = false;
  return {
    tick({ nextCheckSeconds, secondsLeft }) {
      if (!interactive) return;
      frame = (frame + 1) % FRAMES.length;
      stream.write(`\r\x1b[2K${FRAMES[frame]} Waiting for the human to claim… next check in ${nextCheckSeconds} s · ${clockText(secondsLeft)} left (Ctrl-C to stop)`);
      drawn = true;
    },
    checked({ status, description, intervalSeconds, secondsLeft }) {
      if (interactive) {
        if (status === 'slow_down') {
          stream.write(`\r\x1b[2KServer asked to slow down: checking every ${intervalSeconds} s now.\n`);
          drawn = false;
        }
        return;
      }
      const why = status === 'slow_down' ? `server asked to slow down, checking every ${intervalSeconds} s now` : description || 'not claimed yet';
      stream.write(`Waiting for the human to claim (${status}): ${why}. Next check in ${intervalSeconds} s, ${secondsLeft} s left.\n`);
    },
    done() {
      if (interactive && drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
