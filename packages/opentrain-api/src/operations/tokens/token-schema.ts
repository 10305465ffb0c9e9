/** @module The token metadata object every token operation returns (never the secret itself). */
import { z } from '@platform/kit';

export const TOKEN_STATUSES = ['active', 'revoked', 'expired'] as const;

export const tokenMetadataSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `ot_pat_` + first 4 + mask + last 4, e.g. `ot_pat_8f2a********91cd`. */
  preview: z.string(),
  scopes: z.array(z.string()),
  status: z.enum(TOKEN_STATUSES),
  organizationId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenMetadata = z.infer<typeof tokenMetadataSchema>;
