import type { ClaimPoll } from '@opentrain/client';
import { NetworkError } from '@platform/kit';
import { describe, expect, it } from 'vitest';
import { nextInterval, type WaitProgress, waitForClaim } from './claim-wait';

/** A fake clock whose sleep advances time, and a scripted sequence of poll answers. */
function scripted(answers: Array<ClaimPoll | Error>) {
  let now = 0;
  const polls: number[] = [];
  const events: string[] = [];
  const progress: WaitProgress = {
    tick: (s) => events.push(`tick ${s.nextCheckSeconds}/${s.secondsLeft}`),
    checked: (s) => events.push(`checked ${s.status} every ${s.intervalSeconds}`),
    done: () => events.push('done'),
  };
  return {
    polls,
    events,
    deps: {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
      poll: async () => {
        polls.push(now / 1000);
        const next = answers.shift();
        if (!next) throw new Error('no more answers');
        if (next instanceof Error) throw next;
        return next;
      },
      progress,
    },
  };
}

const pending: ClaimPoll = {
  status: 'authorization_pending',
  description: 'waiting',
};
const claimed: ClaimPoll = {
  status: 'claimed',
  access_token: 'ot_pat_x',
  token_type: 'bearer',
  scopes: ['jobs:read'],
};

describe('waitForClaim', () => {
  it('polls at the interval until claimed, ticking a countdown in between', async () => {
    const s = scripted([pending, pending, claimed]);
    const res = await waitForClaim(s.deps, 60);
    expect(res.status).toBe('claimed');
    expect(s.polls).toEqual([0, 5, 10]);
    expect(s.events.slice(0, 7)).toEqual(['checked authorization_pending every 5', 'tick 5/60', 'tick 4/59', 'tick 3/58', 'tick 2/57', 'tick 1/56', 'checked authorization_pending every 5']);
    expect(s.events.at(-1)).toBe('done');
  });

  it('slow_down raises the interval for good (the server value, or +5 s)', async () => {
    const s = scripted([{ status: 'slow_down', description: 'too fast' }, pending, { status: 'slow_down', description: 'too fast', interval: 30 }, claimed]);
    await waitForClaim(s.deps, 300);
    expect(s.polls).toEqual([0, 10, 20, 50]);
  });

  it('stops at the timeout with the last pending answer', async () => {
    const s = scripted([pending, pending, pending]);
    const res = await waitForClaim(s.deps, 12);
    expect(res).toMatchObject({
      status: 'authorization_pending',
      timedOut: true,
    });
    expect(s.polls).toEqual([0, 5, 10]);
  });

  it('a timeout of 0 is one check', async () => {
    const s = scripted([pending]);
    expect(await waitForClaim(s.deps, 0)).toMatchObject({
      status: 'authorization_pending',
      intervalSeconds: 5,
    });
    expect(s.polls).toEqual([0]);
  });

  it('keeps waiting through a network failure, but not through other errors', async () => {
    const s = scripted([new NetworkError({ status: 0, code: 'ECONNRESET', message: 'reset' }), claimed]);
    expect((await waitForClaim(s.deps, 60)).status).toBe('claimed');
    const failing = scripted([new Error('expired_token')]);
    await expect(waitForClaim(failing.deps, 60)).rejects.toThrow('expired_token');
    expect(failing.events).toEqual(['done']);
  });

  it('nextInterval never lowers the interval', () => {
    expect(
      nextInterval(10, {
        status: 'authorization_pending',
        description: '',
        interval: 5,
      }),
    ).toBe(10);
    expect(
      nextInterval(5, {
        status: 'authorization_pending',
        description: '',
        interval: 8,
      }),
    ).toBe(8);
    expect(nextInterval(5, { status: 'slow_down', description: '' })).toBe(10);
  });
});
