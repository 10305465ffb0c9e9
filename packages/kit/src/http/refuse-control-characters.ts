/**
 * @module A NUL byte or other control character in a URL path, query string or human form never
 * reaches a handler: API paths get the product's error envelope (400 naming the field), pages a
 * plain 400 page. API path parameters and JSON bodies are checked by the operation pipeline, which
 * knows their field names.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CONTROL_CHARACTER_MESSAGE, controlCharacterError, hasDisallowedControlCharacter } from '../text/control-characters';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const isForm = (contentType: string | undefined) => /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType ?? '');

async function offendingField(c: Context, api: boolean): Promise<{ field: string; where: string } | null> {
  const url = new URL(c.req.url);
  // API path parameters are checked by the operation pipeline, which can name them.
  const segments = api ? [] : url.pathname.split('/');
  for (let i = 0; i < segments.length; i++) {
    if (hasDisallowedControlCharacter(decodeSegment(segments[i]))) return { field: `path segment ${i}`, where: 'path' };
  }
  for (const [name, value] of url.searchParams) {
    if (hasDisallowedControlCharacter(name) || hasDisallowedControlCharacter(value)) return { field: name.replace(/[^\x20-\x7e]/g, '?'), where: 'query' };
  }
  if (!api && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && isForm(c.req.header('Content-Type'))) {
    let form: FormData;
    try {
      // A clone: the handler still reads the body itself.
      form = await c.req.raw.clone().formData();
    } catch {
      return null; // a malformed form is the handler's to refuse, in its own words
    }
    for (const [name, value] of form as unknown as Iterable<[string, FormDataEntryValue]>) {
      if (hasDisallowedControlCharacter(name) || (typeof value === 'string' && hasDisallowedControlCharacter(value))) {
        return { field: name.replace(/[^\x20-\x7e]/g, '?'), where: 'form' };
      }
    }
  }
  return null;
}

/** `apiPrefixes`: paths answered with the error envelope (their forms are the handlers' to check). */
export function refuseControlCharacters(apiPrefixes: readonly string[]): MiddlewareHandler {
  return async function controlCharacters(c, next) {
    const api = apiPrefixes.some((p) => c.req.path.startsWith(p));
    const found = await offendingField(c, api);
    if (!found) return next();
    if (api) throw controlCharacterError(found.field, found.where);
    return c.text(`Bad request: ${found.field} ${CONTROL_CHARACTER_MESSAGE}.`, 400);
  };
}
