import { describe, expect, it } from 'vitest';
import { SCOPE_INFO, SCOPES, scopesNotCovered, trainarHasScope } from './scopes';

describe('scopes', () => {
  it('keeps the eight documented scope names', () => {
    const documented = SCOPES.filter((s) => SCOPE_INFO[s].documented);
    expect(documented.sort()).toEqual(
      ['read:tasks', 'write:tasks', 'read:users', 'manage:users', 'read:skills', 'write:skills', 'read:sessions', 'manage:webhooks'].sort(),
    );
  });

  it('lets write: and manage: satisfy the matching read: scope, and nothing else', () => {
    expect(trainarHasScope(['write:tasks'], 'read:tasks')).toBe(true);
    expect(trainarHasScope(['manage:users'], 'read:users')).toBe(true);
    expect(trainarHasScope(['read:tasks'], 'write:tasks')).toBe(false);
    expect(trainarHasScope(['write:tasks'], 'read:users')).toBe(false);
    expect(trainarHasScope(['manage:users'], 'manage:webhooks')).toBe(false);
    expect(trainarHasScope([], 'read:tasks')).toBe(false);
  });

  it('names the scopes a key cannot pass on', () => {
    expect(scopesNotCovered(['write:tasks', 'manage:api_keys'], ['read:tasks', 'write:tasks', 'read:users'])).toEqual(['read:users']);
  });
});
