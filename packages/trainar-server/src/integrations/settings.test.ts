/**
 * Integration configuration from the environment: ServiceM8's client and URL overrides, generic
 * providers as JSON, and a bad value stops the start with the variable and the field named.
 */
import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from './providers/registry';
import { integrationSettingsFromEnv } from './settings';

const acme = { key: 'acme', name: 'Acme', authorize_url: 'https://a.example/authorize', token_url: 'https://a.example/token', client_id: 'c', client_secret: 's', jobs_url: 'https://a.example/jobs', fields: { external_id: 'id', title: 'name' } };

describe('integration settings from the environment', () => {
  it('lists ServiceM8 as not configured until its client is set, and generic providers from JSON', () => {
    expect(new ProviderRegistry(integrationSettingsFromEnv({})).list()).toEqual([{ key: 'servicem8', name: 'ServiceM8', category: 'fsm', auth: 'oauth2', mcp_enabled: true, configured: false, writeback: true }]);
    const settings = integrationSettingsFromEnv({ TRAINAR_SERVICEM8_CLIENT_ID: 'id', TRAINAR_SERVICEM8_CLIENT_SECRET: 'secret', TRAINAR_INTEGRATION_PROVIDERS: JSON.stringify([acme]), TRAINAR_INTEGRATION_SYNC_MINUTES: '30' });
    const registry = new ProviderRegistry(settings);
    expect(registry.list().map((p) => [p.key, p.configured, p.writeback])).toEqual([
      ['servicem8', true, true],
      ['acme', true, false],
    ]);
    expect(registry.get('servicem8')?.oauth).toMatchObject({ authorizeUrl: 'https://go.servicem8.com/oauth/authorize', tokenUrl: 'https://go.servicem8.com/oauth/access_token', revocationUrl: null });
    expect(settings.autoSyncIntervalMin).toBe(30);
  });

  it('names the variable and the field of a bad value', () => {
    expect(() => integrationSettingsFromEnv({ TRAINAR_INTEGRATION_PROVIDERS: '[{"key":"acme"' })).toThrow(/^TRAINAR_INTEGRATION_PROVIDERS: expected a JSON array/);
    expect(() => integrationSettingsFromEnv({ TRAINAR_INTEGRATION_PROVIDERS: JSON.stringify([{ ...acme, jobs_url: 'ftp://x' }]) })).toThrow('TRAINAR_INTEGRATION_PROVIDERS: 0.jobs_url: expected an http(s) URL');
    expect(() => integrationSettingsFromEnv({ TRAINAR_INTEGRATION_PROVIDERS: JSON.stringify([{ ...acme, note_url: 'https://a.example/notes' }]) })).toThrow('0.note_url: must contain {external_id}');
    expect(() => integrationSettingsFromEnv({ TRAINAR_INTEGRATION_PROVIDERS: JSON.stringify([acme, acme]) })).toThrow('provider keys must be unique');
    expect(() => integrationSettingsFromEnv({ TRAINAR_INTEGRATION_SYNC_MINUTES: '0' })).toThrow('TRAINAR_INTEGRATION_SYNC_MINUTES');
  });
});
