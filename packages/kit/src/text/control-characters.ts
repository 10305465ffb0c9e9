/**
 * @module Text hygiene shared by every surface. PostgreSQL refuses NUL in text (a 500 if it gets
 * that far) and other C0 controls are never legitimate user text; tab, line feed and carriage
 * return are kept because multi-line text uses them.
 */
import { type ApiError, badRequest } from '../errors/api-error';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const DISALLOWED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasDisallowedControlCharacter(text: string): boolean {
  return DISALLOWED.test(text);
}

/** The dotted path of the first string (or object key) holding a disallowed character, or null. */
export function findControlCharacter(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return DISALLOWED.test(value) ? path.join('.') || '(root)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (DISALLOWED.test(key)) return [...path, key.replace(DISALLOWED, '?')].join('.');
      const found = findControlCharacter(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

export const CONTROL_CHARACTER_MESSAGE = 'contains a NUL byte or another control character (only tab, line feed and carriage return are allowed in text)';

export function controlCharacterError(field: string, where: string): ApiError {
  return badRequest(`Invalid ${where}: ${field}: ${CONTROL_CHARACTER_MESSAGE}.`, {
    field,
    issues: [{ path: field, message: CONTROL_CHARACTER_MESSAGE, code: 'control_character' }],
  });
}

/**
 * How deep an input may nest (arrays and objects). Far beyond any legitimate input, and far below
 * what overflows the stack of the recursive walks an input meets (this check, JSON.stringify before
 * a jsonb column, zod), which would otherwise answer a deeply nested body with a 500.
 */
export const MAX_INPUT_NESTING = 64;

/** The first path nested deeper than `max` levels, or null. Iterative: any depth is safe to ask about. */
export function findExcessiveNesting(value: unknown, max = MAX_INPUT_NESTING): string | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop() as { value: unknown; path: string[] };
    if (item === null || typeof item !== 'object') continue;
    if (path.length >= max) return path.join('.');
    for (const [key, child] of Object.entries(item)) stack.push({ value: child, path: [...path, key.replace(DISALLOWED, '?')] });
  }
  return null;
}

/**
 * Throws a 400 naming the field when `value` nests too deeply (checked first: the walk below is
 * recursive) or any string in it holds a disallowed control character.
 */
export function assertNoControlCharacters(value: unknown, where = 'input'): void {
  const tooDeep = findExcessiveNesting(value);
  if (tooDeep !== null) {
    const field = tooDeep.split('.')[0] || '(root)';
    throw badRequest(`Invalid ${where}: ${field}: nests deeper than ${MAX_INPUT_NESTING} levels.`, {
      field,
      issues: [{ path: field, message: `nests deeper than ${MAX_INPUT_NESTING} levels`, code: 'too_deep' }],
    });
  }
  const field = findControlCharacter(value);
  if (field !== null) throw controlCharacterError(field, where);
}
