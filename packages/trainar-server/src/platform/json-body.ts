/** @module A plain route's JSON body, zod-validated: a 400 naming the field (or the body), in the app's error envelope. */
import { validationError, z } from '@platform/kit';
import type { Context } from 'hono';

export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw validationError(new z.ZodError([{ code: 'custom', path: [], message: 'the body is not valid JSON', input: text.slice(0, 50) }]), 'body');
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return parsed.data;
}
