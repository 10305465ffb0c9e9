/**
 * @module What a receiver gets: the envelope `{event, event_id, timestamp, data}` [S: spec §5]
 * (`event_id` = `evt-<uuid>`, fixed when the event is emitted, so the same on every retry), sent as
 * JSON with the Standard Webhooks headers (`webhook-id` = event_id, `webhook-timestamp`,
 * `webhook-signature: v1,<base64>`) plus `X-TrainAR-Event`. See docs/trainar-webhooks.md.
 */
import { standardWebhookHeaders } from '@platform/kit';
import type { WebhookEvent } from '@trainar/api';

export const USER_AGENT = 'TrainAR-Webhooks/1.0';
export const EVENT_HEADER = 'X-TrainAR-Event';

export interface Envelope {
  event: string;
  event_id: string;
  /** ISO-8601 UTC: when the event happened. */
  timestamp: string;
  data: Record<string, unknown>;
}

export function newEnvelope(event: string, data: Record<string, unknown>, at: Date): Envelope {
  return { event, event_id: `evt-${crypto.randomUUID()}`, timestamp: at.toISOString(), data };
}

/** The raw body and headers of one attempt, signed at `now`. */
export function signedRequest(secret: string, envelope: Envelope, now: Date): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(envelope);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      [EVENT_HEADER]: envelope.event,
      ...standardWebhookHeaders(secret, envelope.event_id, Math.floor(now.getTime() / 1000), body),
    },
  };
}

/** Sample data per event for "send test", marked `test: true` so receivers can tell. */
const SAMPLES: Record<WebhookEvent, Record<string, unknown>> = {
  'task.created': { task_id: '00000000-0000-4000-8000-000000000001', title: 'Test task', status: 'open', source: 'api', external_id: null, assigned_to: null },
  'task.status_changed': { task_id: '00000000-0000-4000-8000-000000000001', title: 'Test task', previous_status: 'open', new_status: 'in_progress', external_id: null, source: 'api', session_id: null },
  'task.completed': { task_id: '00000000-0000-4000-8000-000000000001', title: 'Test task', status: 'completed', session_id: null, assigned_to: null },
  'session.started': { session_id: '00000000-0000-4000-8000-000000000002', role: 'trainee', user_id: null, seat_id: null, task_id: null },
  'session.completed': { session_id: '00000000-0000-4000-8000-000000000002', role: 'trainee', status: 'completed', duration_seconds: 60, score: null, summary: null },
  'skill.executed': { skill_id: '00000000-0000-4000-8000-000000000003', skill_name: 'test_skill', trigger: 'api', success: true, status_code: 200, latency_ms: 42, error: null },
};

export function testEnvelope(event: WebhookEvent, now: Date): Envelope {
  return newEnvelope(event, { ...SAMPLES[event], created_at: now.toISOString(), test: true }, now);
}
