/** @module Discovery routes: well-known metadata, /llms.txt, /auth.md, the OpenAPI document, and the 401 hint. */
import { opentrainApi, opentrainErrorSchema } from '@opentrain/api';
import { type AppEnv, buildOpenApi } from '@platform/kit';
import type { Hono } from 'hono';
import { agentAuthPaths } from './agent-auth-openapi';
import { authMd, llmsTxt } from './documents';
import { authorizationServerMetadata, PUBLIC_API_BASE, protectedResourceMetadata } from './metadata';

const PUBLIC = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' };

export function mountDiscovery(app: Hono<AppEnv>, publicUrl: () => string): void {
  // RFC 9728 §5.1: a 401 points the agent at the metadata that explains how to get a token.
  app.use(`${PUBLIC_API_BASE}/*`, async (c, next) => {
    await next();
    if (c.res.status === 401) {
      c.res.headers.set('WWW-Authenticate', `Bearer resource_metadata="${publicUrl()}/.well-known/oauth-protected-resource"`);
    }
  });
  app.get('/.well-known/oauth-protected-resource', (c) => c.json(protectedResourceMetadata(publicUrl()), 200, PUBLIC));
  app.get(`/.well-known/oauth-protected-resource${PUBLIC_API_BASE}`, (c) => c.json(protectedResourceMetadata(publicUrl()), 200, PUBLIC));
  app.get('/.well-known/oauth-authorization-server', (c) => c.json(authorizationServerMetadata(publicUrl()), 200, PUBLIC));
  app.get('/llms.txt', (c) => c.text(llmsTxt(publicUrl()), 200, { ...PUBLIC, 'Content-Type': 'text/plain; charset=utf-8' }));
  app.get('/auth.md', (c) => c.text(authMd(publicUrl()), 200, { ...PUBLIC, 'Content-Type': 'text/markdown; charset=utf-8' }));
  let openapi: Record<string, unknown> | undefined;
  app.get(`${PUBLIC_API_BASE}/openapi.json`, (c) => {
    openapi ??= opentrainOpenApi(publicUrl());
    return c.json(openapi, 200, PUBLIC);
  });
}

/** The Public API's OpenAPI document plus the agent-auth paths (served at /api/public/v1/openapi.json). */
export function opentrainOpenApi(publicUrl: string): Record<string, unknown> {
  const doc = buildOpenApi(opentrainApi, {
    serverUrl: publicUrl,
    errorSchema: opentrainErrorSchema,
    description: `OpenTrain Public API. The agent-auth endpoints (register, claim, token, revoke) are the /api/agent paths; the flow is in ${publicUrl}/auth.md.`,
  });
  return { ...doc, paths: { ...(doc.paths as Record<string, unknown>), ...agentAuthPaths(publicUrl) } };
}
