import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractJobDraft, type LlmRefinerConfig, loadLlmRefinerConfig, refineExtraction } from '../index';

/**
 * A tiny OpenAI-compatible chat-completions server on 127.0.0.1: a real HTTP peer whose reply is
 * chosen per test, so the refiner's request, time box, validation and merge run for real.
 */
interface Reply {
  status?: number;
  delayMs?: number;
  content?: string;
  raw?: string;
}
let reply: Reply = {};
const received: { path?: string; auth?: string; body: Record<string, unknown> }[] = [];
let server: Server;
let baseUrl: string;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    received.push({ path: req.url, auth: req.headers.authorization, body: JSON.parse(body || '{}') });
    const current = reply;
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(current.status ?? 200, { 'content-type': 'application/json' });
      res.end(
        current.raw ??
          JSON.stringify({
            id: 'chatcmpl-local',
            object: 'chat.completion',
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: current.content ?? '{}' } }],
          }),
      );
    }, current.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  reply = {};
  received.length = 0;
});

const TEXT =
  'We need 3 annotators to draw bounding boxes on about 1,200 JPG files of street scenes. Paying $25 per hour. Annotators should be seasoned pros in Kenya.';
const config = (over: Partial<LlmRefinerConfig> = {}): LlmRefinerConfig => ({
  baseUrl,
  model: 'local-test-model',
  apiKey: 'sk-local',
  timeoutMs: 2_000,
  ...over,
});

describe('refineExtraction', () => {
  it('is a no-op report when not configured', async () => {
    const base = extractJobDraft({ text: TEXT });
    const r = await refineExtraction(TEXT, base, undefined);
    expect(r.refiner).toEqual({ status: 'disabled', filledFields: [], rejected: [] });
    expect(r.normalizedFields).toEqual(base.normalizedFields);
    expect(received).toHaveLength(0);
  });

  it('fills gaps with validated, grounded values and flags them for confirmation', async () => {
    const base = extractJobDraft({ text: TEXT });
    expect(base.normalizedFields.experienceLevel).toBeDefined();
    const withoutLevel = extractJobDraft({ text: TEXT.replace(' Annotators should be seasoned pros in Kenya.', '') });
    reply = {
      content:
        '```json\n' +
        JSON.stringify({
          experienceLevel: 'INTERMEDIATE',
          headcount: 3,
          pricePerHour: 99,
          fixedPrice: 25,
          languages: ['Swahili', 'Elvish'],
          dataType: 'PHOTO',
          favouriteColour: 'teal',
          subjectMatter: 'AUTONOMOUS_DRIVING',
        }) +
        '\n```',
    };
    const r = await refineExtraction(TEXT, withoutLevel, config());
    expect(received[0]).toMatchObject({ path: '/v1/chat/completions', auth: 'Bearer sk-local', body: { model: 'local-test-model', temperature: 0 } });
    expect(r.refiner?.status).toBe('ok');
    expect(r.normalizedFields.experienceLevel).toBe('INTERMEDIATE');
    expect(r.refiner?.filledFields).toEqual(['experienceLevel']);
    expect(r.lowConfidenceFields).toContain('experienceLevel');
    expect(r.validation.publishReady).toBe(true);
    // Confident deterministic values are never overwritten.
    expect(r.normalizedFields.pricePerHour).toBe(25);
    expect(r.normalizedFields.headcount).toBe(3);
    expect(Object.fromEntries(r.refiner?.rejected.map((x) => [x.field, x.reason]) ?? [])).toEqual({
      favouriteColour: 'unknown_field',
      fixedPrice: 'rate_for_other_payment_type',
      languages: 'unrecognized_value',
      dataType: 'invalid_value',
      pricePerHour: 'not_in_text',
    });
  });

  it('confirms or questions low-confidence fields', async () => {
    const text = 'Paying 12/hr for chatbot answer rating work, 3 hrs a day.';
    const base = extractJobDraft({ text });
    expect(base.lowConfidenceFields).toContain('currency');
    reply = { content: JSON.stringify({ currency: 'USD' }) };
    const agreed = await refineExtraction(text, base, config());
    expect(agreed.fieldConfidence.currency).toBe(0.75);
    expect(agreed.lowConfidenceFields).not.toContain('currency');

    reply = { content: JSON.stringify({ currency: 'CAD' }) };
    const disputed = await refineExtraction(text, base, config());
    expect(disputed.normalizedFields.currency).toBe('USD');
    expect(disputed.warnings.map((w) => w.code)).toContain('llm_disagrees');
  });

  it('gives up cleanly on timeouts, HTTP errors and junk output', async () => {
    const base = extractJobDraft({ text: TEXT });
    reply = { delayMs: 1_000, content: '{"headcount": 3}' };
    const slow = await refineExtraction(TEXT, base, config({ timeoutMs: 150 }));
    expect(slow.refiner?.status).toBe('timeout');
    expect(slow.refiner?.durationMs).toBeLessThan(900);
    expect(slow.normalizedFields).toEqual(base.normalizedFields);

    reply = { status: 500, raw: '{"error":{"message":"boom"}}' };
    expect((await refineExtraction(TEXT, base, config())).refiner?.status).toBe('http_error');

    reply = { content: 'Sure! The experience level is probably intermediate.' };
    expect((await refineExtraction(TEXT, base, config())).refiner?.status).toBe('invalid_output');

    reply = { raw: '{"unexpected": true}' };
    expect((await refineExtraction(TEXT, base, config())).refiner?.status).toBe('invalid_output');

    const closed = await refineExtraction(TEXT, base, config({ baseUrl: 'http://127.0.0.1:9/v1' }));
    expect(closed.refiner?.status).toBe('network_error');
  });
});

describe('loadLlmRefinerConfig', () => {
  it('is disabled by default and validates what is set', () => {
    expect(loadLlmRefinerConfig({})).toBeUndefined();
    expect(loadLlmRefinerConfig({ OPENTRAIN_LLM_BASE_URL: '', OPENTRAIN_LLM_MODEL: ' ' })).toBeUndefined();
    expect(
      loadLlmRefinerConfig({ OPENTRAIN_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', OPENTRAIN_LLM_MODEL: 'llama3.1' }),
    ).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', timeoutMs: 8_000 });
    expect(() => loadLlmRefinerConfig({ OPENTRAIN_LLM_BASE_URL: 'http://x.test/v1' })).toThrow(/both/);
    expect(() => loadLlmRefinerConfig({ OPENTRAIN_LLM_BASE_URL: 'ftp://x', OPENTRAIN_LLM_MODEL: 'm' })).toThrow(/OPENTRAIN_LLM_BASE_URL/);
    expect(() =>
      loadLlmRefinerConfig({ OPENTRAIN_LLM_BASE_URL: 'https://x.test/v1', OPENTRAIN_LLM_MODEL: 'm', OPENTRAIN_LLM_TIMEOUT_MS: '5' }),
    ).toThrow(/OPENTRAIN_LLM_TIMEOUT_MS/);
  });
});
