/**
 * Tokenless sign-in and mail forms: per-IP limits (including /freelancer/signup), lockouts that
 * slow an attacker without locking the owner out, and equal-time password checks.
 */
import { listSandboxMail } from '@platform/kit';
import { FormClientFromIp } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../accounts/passwords';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: { signInPerIp: { limit: 15, windowSeconds: 3600 } } });
});
afterAll(async () => h?.close());

const PASSWORD = 'correct horse battery';

async function accountWithPassword(): Promise<string> {
  const email = uniqueEmail('owner');
  await h.services.users.findOrCreate(h.services.db, { email, passwordHash: await hashPassword(PASSWORD) });
  return email;
}

describe('sign-in limits', () => {
  it('limits /freelancer/signup per client IP: no more sign-up mail once over', async () => {
    const ip = new FormClientFromIp(h.url, '127.0.0.3');
    const emails = Array.from({ length: 16 }, () => uniqueEmail('trainer'));
    const statuses: number[] = [];
    for (const email of emails) statuses.push((await ip.submit('/freelancer/signup', '/freelancer/signup', { email, first_name: 'Tr', last_name: 'Ainer' })).status);
    expect(statuses.slice(0, 15).every((s) => s === 200)).toBe(true);
    expect(statuses[15]).toBe(429);
    expect(await listSandboxMail(h.database.db, { to: emails[15] })).toHaveLength(0);
  });

  it('an attacker hammering your email locks out their own IP, not you', async () => {
    const email = await accountWithPassword();
    const attacker = new FormClientFromIp(h.url, '127.0.0.2');
    const tries: number[] = [];
    for (let i = 0; i < 6; i++) tries.push((await attacker.submit('/signin', '/signin', { email, password: `guess number ${i}` })).status);
    expect(tries.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(tries[5]).toBe(429);
    const owner = new FormClientFromIp(h.url, '127.0.0.1');
    const signedIn = await owner.submit('/signin', '/signin', { email, password: PASSWORD, next: '/account' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/account');
    // Links too: the owner still gets one from their own network.
    expect((await owner.submit('/signin', '/signin', { email })).status).toBe(200);
  });

  it('takes as long for an unknown email as for a real account with a wrong password', async () => {
    const email = await accountWithPassword();
    const client = new FormClientFromIp(h.url, '127.0.0.4');
    const time = async (address: string) => {
      const started = performance.now();
      const res = await client.submit('/signin', '/signin', { email: address, password: 'wrong password!' });
      expect(res.status).toBe(400);
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(email));
      unknown.push(await time(uniqueEmail('nobody')));
    }
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeLessThan(3);
    expect(ratio).toBeGreaterThan(1 / 3);
  });
});
