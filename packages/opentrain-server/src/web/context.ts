/** @module The services the web module's pages receive. */
import type { PlatformServices } from '../platform/context';
import type { MagicLinksService } from './magic-links-service';
import type { WebPorts } from './ports';

export type WebServices = PlatformServices & WebPorts & { magicLinks: MagicLinksService };
