/**
 * @module Which endpoints a skill may call: the kit's URL-safety policy, the same rule as webhook
 * URLs. Public https only by default; loopback (and http) in dev mode; private ranges too with
 * ALLOW_PRIVATE_WEBHOOK_URLS=1. Link-local and cloud-metadata addresses never.
 */
import { systemResolver, type UrlPolicy } from '@platform/kit';
import type { TrainArSettings } from '../platform/deps';

export function skillUrlPolicy(settings: TrainArSettings): UrlPolicy {
  return { allow: settings.skillUrlAllowance, resolve: settings.skillResolver ?? systemResolver };
}
