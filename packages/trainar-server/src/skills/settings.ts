/**
 * @module Which endpoints a skill may call: the kit's URL-safety policy, the same rule as webhook
 * URLs. Public https only by default; loopback (and http) in dev mode; private ranges too with
 * ALLOW_PRIVATE_WEBHOOK_URLS=1. Link-local and cloud-metadata addresses never.
 */
import { systemResolver, type UrlAllowance, type UrlPolicy } from '@platform/kit';
import type { TrainArSettings } from '../deps';

export function skillUrlAllowance(options: { allowPrivate?: boolean; devMode: boolean }): UrlAllowance {
  return options.allowPrivate ? 'private' : options.devMode ? 'loopback' : 'public';
}

export function skillUrlPolicy(settings: TrainArSettings): UrlPolicy {
  return { allow: settings.skillUrlAllowance, resolve: settings.skillResolver ?? systemResolver };
}
