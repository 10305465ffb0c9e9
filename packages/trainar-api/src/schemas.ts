/**
 * @module Shapes shared by several TrainAR operations. Field names are snake_case (spec section 4);
 * ids are UUIDs; timestamps are ISO-8601 UTC strings.
 */
import { z } from '@platform/kit';
import { SCOPES } from './scopes';

/** Any 8-4-4-4-12 hex id (PostgreSQL's uuid syntax); a malformed id is a 400 naming the field. */
export const Id = z.guid({ message: 'expected a UUID' });

export const ROLES = ['admin', 'member'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const USER_STATUSES = ['invited', 'active', 'inactive'] as const;
export const UserStatus = z.enum(USER_STATUSES);

export const ScopeName = z.enum(SCOPES, { message: `unknown scope; known scopes: ${SCOPES.join(', ')}` });

export const Timestamp = z.string().describe('ISO-8601 UTC timestamp');

export const User = z.object({
  id: z.string().describe('User id (UUID)'),
  email: z.string(),
  full_name: z.string(),
  role: Role.describe('admin sees everything; member does not see Users, Seats, Billing, Integrations or API & Webhooks'),
  roles: z.array(Role).describe('The role as a one-element list (the n8n node sends and reads `roles`)'),
  status: UserStatus.describe('invited: has not set a password yet; active; inactive: deactivated'),
  is_active: z.boolean(),
  created_at: Timestamp,
  last_active_at: Timestamp.nullable(),
  invitation_expires_at: Timestamp.nullable().describe('When the set-password link of an invited user expires'),
});
export type User = z.infer<typeof User>;

export const ApiKey = z.object({
  id: z.string().describe('Key id (UUID)'),
  name: z.string(),
  prefix: z.string().describe('tak_ plus the first 8 characters'),
  last4: z.string(),
  masked_key: z.string().describe('tak_ + 8 characters + ... + last 4, e.g. tak_TS5wkJC7...Sm6K'),
  scopes: z.array(z.string()),
  created_at: Timestamp,
  last_used_at: Timestamp.nullable(),
  revoked: z.boolean(),
  revoked_at: Timestamp.nullable(),
  created_via: z.enum(['dashboard', 'api', 'operator']).describe('Where the key was minted'),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const Account = z.object({
  id: z.string().describe('Tenant id (UUID)'),
  name: z.string().describe('Organisation name'),
  timezone: z.string().describe('IANA time zone, e.g. Europe/London'),
  country: z.string().nullable().describe('ISO 3166-1 alpha-2 country code'),
  language: z.string().describe('BCP 47 language tag the on-glasses AI speaks, e.g. en-GB'),
  status: z.enum(['active', 'disabled']),
  created_at: Timestamp,
  plan: z
    .object({ name: z.string(), status: z.string(), seats: z.number().int() })
    .nullable()
    .describe('Subscription summary; null while the tenant has no subscription'),
  usage: z.object({ users: z.number().int(), active_users: z.number().int(), admins: z.number().int(), api_keys: z.number().int() }),
});
export type Account = z.infer<typeof Account>;

/** The n8n node sends `limit` 1-100 (v1.0.0) or any positive number (v1.0.4); 1000 is our ceiling. */
export const MAX_LIMIT = 1000;
export const limitField = (fallback: number) =>
  z.number().int().min(1).max(MAX_LIMIT).default(fallback).describe(`Page size, 1-${MAX_LIMIT} (default ${fallback})`);
export const offsetField = () => z.number().int().min(0).default(0).describe('Number of items to skip (default 0)');
export const page = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() };
