/**
 * @module A product's API: its operation contracts plus the few facts every surface needs
 * (base path, error model, scope semantics). Importable by MCP and CLI packages: no server code.
 */
import type { ErrorModel } from '../errors/api-error';
import type { AnyOperation } from './define';

export interface ApiDefinition {
  /** Product key, also the MCP tool-name prefix (`opentrain` → `opentrain_*`). */
  product: string;
  title: string;
  version: string;
  /** Mount point of the operations, e.g. `/api/public/v1` or `/v1`. */
  basePath: string;
  errorModel: ErrorModel;
  operations: AnyOperation[];
  /** Scope semantics; defaults to exact membership. */
  hasScope?: (granted: readonly string[], required: string) => boolean;
}

export function defineApi(api: ApiDefinition): ApiDefinition {
  const names = new Set<string>();
  const routes = new Set<string>();
  for (const op of api.operations) {
    if (names.has(op.name)) throw new Error(`Duplicate operation name ${op.name}`);
    names.add(op.name);
    const route = `${op.method} ${op.path.replace(/\{[^}]+\}/g, '{}')}${op.selectWhen ? `?${op.selectWhen}` : ''}`;
    if (routes.has(route)) throw new Error(`Duplicate route ${route} (${op.name})`);
    routes.add(route);
  }
  return api;
}

export function hasScope(api: ApiDefinition, granted: readonly string[], required: string): boolean {
  return api.hasScope ? api.hasScope(granted, required) : granted.includes(required);
}

export function findOperation(api: ApiDefinition, name: string): AnyOperation {
  const op = api.operations.find((o) => o.name === name);
  if (!op) throw new Error(`Unknown operation ${name}`);
  return op;
}
