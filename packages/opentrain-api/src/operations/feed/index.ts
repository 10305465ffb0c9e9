/** @module The feed operations (updates feed, webhooks, team), in the order they appear in the registry (owned by the feed domain). */
import type { AnyOperation } from '@platform/kit';
import createWebhook from './create-webhook';
import deleteWebhook from './delete-webhook';
import getTeam from './get-team';
import getWebhook from './get-webhook';
import inviteTeamMember from './invite-team-member';
import listWebhookDeliveries from './list-webhook-deliveries';
import listWebhooks from './list-webhooks';
import pollUpdates from './poll-updates';

export { default as createWebhook } from './create-webhook';
export { default as deleteWebhook } from './delete-webhook';
export { default as getTeam } from './get-team';
export { default as getWebhook } from './get-webhook';
export { default as inviteTeamMember } from './invite-team-member';
export { default as listWebhookDeliveries } from './list-webhook-deliveries';
export { default as listWebhooks } from './list-webhooks';
export { default as pollUpdates } from './poll-updates';
export { EVENT_TYPES, eventRecordSchema, teamSchema, webhookSchema } from './schemas';

export const feedOperations: AnyOperation[] = [pollUpdates, createWebhook, listWebhooks, getWebhook, deleteWebhook, listWebhookDeliveries, getTeam, inviteTeamMember];
