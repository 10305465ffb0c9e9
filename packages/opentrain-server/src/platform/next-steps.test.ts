/**
 * Every refusal names its next step, registry-wide: each operation is called through the Public API
 * pipeline (the one REST and both MCP transports run) in every way the contract says it can be
 * refused — no token, a pre-claim token, a claimed token without the scopes, the feature off, an
 * empty input — and every domain reason the server throws must have an entry in the next-step table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_KEYS, SCOPES, opentrainApi, parseGate } from '@opentrain/api';
import { type AnyOperation, ApiError, type RequestScope } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenTrainAuth } from './context';
import { REASON_NEXT_STEPS } from './next-steps';
import { type Harness, startHarness } from '../testing/harness';

let h: Harness;
let api: Harness['server']['extra']['publicApi'];
beforeAll(async () => {
  h = await startHarness();
  api = h.server.extra.publicApi;
});
afterAll(async () => h?.close());

const operations = opentrainApi.operations.filter((op) => op.auth !== 'none');

async function refusal(op: AnyOperation, token: string | null, input: unknown = {}): Promise<ApiError | null> {
  const auth = token ? await h.services.tokens.authenticate(token) : null;
  const scope: RequestScope<OpenTrainAuth> = { auth, requestId: 'req_test', surface: 'rest', clientIp: '127.0.0.1', setHeader: () => {}, setStatus: () => {} };
  try {
    await api.invoke(op.name, input, scope);
    return null;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return err;
  }
}

function expectNextStep(op: AnyOperation, err: ApiError | null, check?: (err: ApiError) => void) {
  expect(err, `${op.name} should be refused`).not.toBeNull();
  const e = err as ApiError;
  expect(typeof e.details?.nextStep === 'string' && (e.details.nextStep as string).length > 10, `${op.name} ${e.status} ${String(e.details?.reason ?? e.kind)} lacks a next step`).toBe(true);
  check?.(e);
}

describe('every operation refusal names its next step', () => {
  it('no token (401), a pre-claim token (claim step), a claimed token without scopes (step-up URL)', async () => {
    const fresh = await h.registerAgent({ agent_name: 'Next-step agent' });
    const owner = await h.claimedAgent('Scopeless owner');
    const ownerAuth = await h.services.tokens.authenticate(owner.token);
    const scopeless = await h.services.tokens.createFor({ organizationId: (ownerAuth as OpenTrainAuth).organizationId, name: 'no scopes', scopes: [], origin: 'web' });
    for (const op of operations) {
      if (op.auth === 'required') expectNextStep(op, await refusal(op, null), (e) => expect(e.details?.nextTool).toBe('opentrain_register_agent'));
      const claimGated = (op.gates ?? []).some((g) => parseGate(g).kind === 'claimed');
      const preClaim = await refusal(op, fresh.access_token);
      if (claimGated || op.scopes.some((s) => !fresh.scopes.includes(s))) {
        expectNextStep(op, preClaim, (e) => {
          expect(e.status).toBe(403);
          expect(e.details?.nextTool, op.name).toBe('opentrain_claim_account');
          expect(e.details?.nextStep).toContain('opentrain_claim_account');
        });
      } else if (preClaim) expectNextStep(op, preClaim);
      if (op.scopes.length > 0) {
        expectNextStep(op, await refusal(op, scopeless.token), (e) => {
          expect(e.details?.reason).toBe('insufficient_scope');
          expect(String(e.details?.stepUpUrl)).toMatch(/\/account\/scope-requests\/scr_/);
          expect(e.message).toContain('retry after the owner approves');
        });
      }
    }
  });

  it('a feature switched off, and an empty input (the field and an example)', async () => {
    const owner = await h.claimedAgent('Full owner');
    const auth = (await h.services.tokens.authenticate(owner.token)) as OpenTrainAuth;
    const full = await h.services.tokens.createFor({ organizationId: auth.organizationId, name: 'all', scopes: [...SCOPES], origin: 'web' });
    for (const op of operations) {
      const err = await refusal(op, full.token);
      if (!err) continue;
      expectNextStep(op, err, (e) => {
        if (e.status === 400 && typeof e.details?.field === 'string' && e.details.field !== '(root)') {
          expect(e.details.nextStep).toContain(e.details.field as string);
          expect(e.details).toHaveProperty('example');
        }
        if (e.status === 404) expect(String(e.details?.nextStep)).toMatch(/opentrain_|id/);
      });
    }
    for (const key of FEATURE_KEYS) await h.services.features.setForOrganization(auth.organizationId, key, false);
    for (const op of operations) {
      if (!(op.gates ?? []).some((g) => parseGate(g).kind === 'feature')) continue;
      expectNextStep(op, await refusal(op, full.token), (e) => expect(e.details?.reason).toBe('feature_disabled'));
    }
  });
});

/** Reasons that are not refusals (stored statuses, revocation causes, extractor diagnostics, OAuth endpoint errors, a payment provider's charge outcome). */
const NOT_REFUSALS = new Set(['no_saved_card', 'unknown', 'expired', 'used', 'stop', 'completed', 'locked', 'blocked_by_freelancer', 'proposal_declined', 'contract_ended_status', 'revoked_by_oauth_revoke', 'member_elsewhere', 'wrong_email', 'invalid_value', 'not_in_text', 'unrecognized_value', 'unknown_field', 'rate_for_other_payment_type']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ['identity', 'web', 'testing', 'extraction'].includes(name) ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the next-step table', () => {
  it('has an entry for every refusal reason the Public API throws', () => {
    const reasons = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?<!status_)reason: '([a-z_]+)'/g)) reasons.add(m[1]);
    }
    expect(reasons.size).toBeGreaterThan(40);
    const missing = [...reasons].filter((r) => r !== 'insufficient_scope' && !NOT_REFUSALS.has(r) && !REASON_NEXT_STEPS[r]);
    expect(missing).toEqual([]);
  });
});
