/**
 * @module OAuth 2.0 for integrations through oauth4webapi: the authorization URL (code flow with
 * PKCE S256 and a state), the code exchange at our callback, refresh, and RFC 7009 revocation when
 * the provider has an endpoint. All requests go through the SSRF-guarded fetch (http.ts); plain
 * http endpoints are accepted only when the URL policy admits loopback/private hosts (dev mode).
 */
import * as oauth from 'oauth4webapi';
import { type GuardedFetch, ProviderError } from './http';
import type { OAuthConfig } from './providers/types';

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Seconds until the access token expires, when the provider says. */
  expiresIn: number | null;
}

export class OAuthClient {
  constructor(
    private readonly fetcher: GuardedFetch,
    private readonly allowHttp: boolean,
  ) {}

  private parts(config: OAuthConfig) {
    const as: oauth.AuthorizationServer = {
      issuer: new URL(config.authorizeUrl).origin,
      authorization_endpoint: config.authorizeUrl,
      token_endpoint: config.tokenUrl,
      ...(config.revocationUrl ? { revocation_endpoint: config.revocationUrl } : {}),
    };
    const client: oauth.Client = { client_id: config.clientId };
    const auth = config.clientAuth === 'client_secret_basic' ? oauth.ClientSecretBasic(config.clientSecret) : oauth.ClientSecretPost(config.clientSecret);
    const options = { [oauth.customFetch]: this.fetcher as never, [oauth.allowInsecureRequests]: this.allowHttp };
    return { as, client, auth, options };
  }

  /** A fresh PKCE verifier and state, and the provider URL a person opens to consent. */
  async authorizationUrl(config: OAuthConfig, redirectUri: string): Promise<{ url: string; state: string; codeVerifier: string }> {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(config.authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    if (config.scopes.length > 0) url.searchParams.set('scope', config.scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url: url.href, state, codeVerifier };
  }

  /** Exchanges the callback's code (the state already checked by the caller) for tokens. */
  async exchange(config: OAuthConfig, callback: URL, state: string, redirectUri: string, codeVerifier: string): Promise<TokenSet> {
    const { as, client, auth, options } = this.parts(config);
    return this.tokens(async () => {
      const params = oauth.validateAuthResponse(as, client, callback, state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri, codeVerifier, options);
      return oauth.processAuthorizationCodeResponse(as, client, response);
    });
  }

  async refresh(config: OAuthConfig, refreshToken: string): Promise<TokenSet> {
    const { as, client, auth, options } = this.parts(config);
    return this.tokens(async () => oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, options)));
  }

  /** RFC 7009; false when the provider has no revocation endpoint. */
  async revoke(config: OAuthConfig, token: string): Promise<boolean> {
    if (!config.revocationUrl) return false;
    const { as, client, auth, options } = this.parts(config);
    await this.tokens(async () => {
      await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, token, options));
      return { access_token: '', token_type: 'bearer' } as oauth.TokenEndpointResponse;
    });
    return true;
  }

  private async tokens(run: () => Promise<oauth.TokenEndpointResponse>): Promise<TokenSet> {
    try {
      const r = await run();
      return { accessToken: r.access_token, refreshToken: r.refresh_token ?? null, expiresIn: typeof r.expires_in === 'number' ? r.expires_in : null };
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (err instanceof oauth.ResponseBodyError) throw new ProviderError(`the provider refused: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`, err.status);
      if (err instanceof oauth.AuthorizationResponseError) throw new ProviderError(`consent not given: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`, 400);
      // An unexpected answer (a 5xx from the token endpoint) carries the Response as its cause.
      const status = (err as { cause?: { status?: unknown } }).cause?.status;
      throw new ProviderError(`OAuth request failed: ${(err as Error).message}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`, typeof status === 'number' ? status : null);
    }
  }
}
