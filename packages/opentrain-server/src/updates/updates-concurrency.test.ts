/**
 * The updates feed never skips an event, even when transactions commit out of id order (PostgreSQL
 * with concurrent writers). The reader is a real client polling GET /updates with nextCursor.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { emitEvent, waitForEventHorizon } from '@platform/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ startWorker: false });
});
afterAll(async () => {
  await h?.close();
});

async function account() {
  const agent = await h.registerAgent();
  const me = await h.api('/auth/me', { token: agent.access_token });
  return { token: agent.access_token, org: me.body.account.organizationId as string };
}

async function poll(token: string, cursor: string | null, limit = 7): Promise<{ ids: string[]; cursor: string | null; hasMore: boolean }> {
  const res = await h.api(`/updates?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
  if (res.status !== 200) throw new Error(`poll: ${res.status} ${JSON.stringify(res.body)}`);
  return { ids: res.body.events.map((e: { id: string }) => e.id), cursor: res.body.nextCursor, hasMore: res.body.hasMore };
}

describe.runIf(onPostgres)('an event whose transaction commits after a later-numbered one (PostgreSQL)', () => {
  it('is still delivered after the cursor passed the later-numbered event', async () => {
    const { token, org } = await account();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let earlyId = 0;
    let emitted!: () => void;
    const emittedEarly = new Promise<void>((resolve) => {
      emitted = resolve;
    });
    const slow = h.database.db.transaction().execute(async (trx) => {
      earlyId = await emitEvent(trx, { type: 'proposal.received', scope: org, payload: { proposalId: 'p_slow', jobId: 'j' } }, h.clock);
      emitted();
      await gate; // commits only after the later-numbered event below has committed and been polled
    });
    await emittedEarly;
    const lateId = await emitEvent(h.database.db, { type: 'proposal.received', scope: org, payload: { proposalId: 'p_fast', jobId: 'j' } }, h.clock);
    expect(lateId).toBeGreaterThan(earlyId);
    // The hazard is real: the later-numbered event is committed and visible while the earlier one is not.
    const { rows } = await sql<{ id: string }>`select id::text from outbox_events where scope = ${org} order by id`.execute(h.database.db);
    expect(rows.map((r) => r.id)).toEqual([String(lateId)]);

    const seen: string[] = [];
    const first = await poll(token, null);
    seen.push(...first.ids);
    expect(first.ids).not.toContain(String(lateId)); // held back: an id cursor past it would skip earlyId
    release();
    await slow;
    await waitForEventHorizon(h.database.db);
    const second = await poll(token, first.cursor);
    seen.push(...second.ids);
    expect(seen).toEqual([String(earlyId), String(lateId)]);
  });
});

describe('a reader polling continuously while several writers commit concurrently', () => {
  it('sees every committed event exactly once and never a rolled-back one', async () => {
    const { token, org } = await account();
    const WRITERS = 4;
    const TRANSACTIONS = onPostgres ? 30 : 10;
    const committed: string[] = [];
    const rolledBack: string[] = [];
    let writing = true;

    const writer = async (w: number) => {
      for (let t = 0; t < TRANSACTIONS; t++) {
        const ids: string[] = [];
        const rollback = t % 7 === 3;
        try {
          await h.database.db.transaction().execute(async (trx) => {
            const n = 1 + ((w + t) % 3);
            for (let i = 0; i < n; i++) {
              ids.push(String(await emitEvent(trx, { type: 'message.received', scope: org, payload: { conversationId: `c_${w}`, messageId: `m_${w}_${t}_${i}` } }, h.clock)));
              await sleep(Math.floor(Math.random() * 4)); // interleave with the other writers
            }
            if (rollback) throw new Error('rollback');
          });
          committed.push(...ids);
        } catch (error) {
          if ((error as Error).message !== 'rollback') throw error;
          rolledBack.push(...ids);
        }
      }
    };

    const seen: string[] = [];
    const reader = (async () => {
      let cursor: string | null = null;
      for (;;) {
        const stillWriting = writing;
        const page = await poll(token, cursor);
        seen.push(...page.ids);
        cursor = page.cursor;
        if (!stillWriting && !page.hasMore) {
          // Writers are done: once every committed event is readable, one more pass catches up.
          await waitForEventHorizon(h.database.db);
          for (let more = true; more; ) {
            const last = await poll(token, cursor);
            seen.push(...last.ids);
            cursor = last.cursor;
            more = last.hasMore;
          }
          return;
        }
      }
    })();

    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await reader;

    expect(committed.length).toBeGreaterThan(WRITERS * TRANSACTIONS);
    expect(new Set(seen).size).toBe(seen.length); // exactly once
    expect([...seen].sort()).toEqual([...committed].sort()); // every committed event
    expect(seen.filter((id) => rolledBack.includes(id))).toEqual([]);
  }, 120_000);
});
