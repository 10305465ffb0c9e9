/**
 * Every operation needs exactly its scope: a key holding any single scope is let through exactly
 * when that scope covers the operation's (write:/manage: cover read:), and is otherwise refused
 * with 403 INSUFFICIENT_PERMISSIONS naming the required scope. Table-driven: operations × scopes.
 */
import { operations, SCOPES, trainarHasScope } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghostTarget, operationCases, startHarness, type TrainArHarness } from './testing/index';

let h: TrainArHarness;
const keyFor = new Map<string, string>();

beforeAll(async () => {
  h = await startHarness();
  const t = await h.createTenant('Scope Testers');
  for (const scope of SCOPES) keyFor.set(scope, (await h.createKey(t.tenantId, [scope], `only ${scope}`)).key);
});
afterAll(() => h?.close());

describe('scope enforcement over every REST operation', () => {
  it.each(operations.map((op) => [op.name, op] as const))('%s admits exactly the keys whose scope covers it', async (_name, op) => {
    const [required] = op.scopes;
    const outcomes: string[] = [];
    for (const scope of SCOPES) {
      const res = await h.callOperation(op, operationCases[op.name].input(ghostTarget()), keyFor.get(scope) as string);
      const allowed = trainarHasScope([scope], required);
      if (allowed) {
        expect([401, 403], `${scope} should be let through, got ${JSON.stringify(res.body)}`).not.toContain(res.status);
        expect(res.status).toBeLessThan(500);
        outcomes.push(scope);
      } else {
        expect(res.status, `${scope} should be refused`).toBe(403);
        expect(res.body).toMatchObject({ error: 'INSUFFICIENT_PERMISSIONS', details: { requiredScopes: [required], grantedScopes: [scope] } });
        expect(res.body.message).toContain(required);
      }
    }
    expect(outcomes).toContain(required);
  });
});
