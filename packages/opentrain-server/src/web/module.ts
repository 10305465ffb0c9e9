/** @module The web module: the human pages (home, sign-in and sign-up by magic link or password, claim, account, scope requests, /dev/mail). */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { WebServices } from './context';
import { MagicLinksService } from './magic-links-service';
import type { WebPorts } from './ports';
import { mountWeb } from './routes';

export function createWebModule(platform: PlatformServices, ports: WebPorts): OpenTrainModule<WebServices> {
  const magicLinks = new MagicLinksService(platform.db, platform.clock, platform.mailer, ports.users, platform.publicUrl);
  const services = { ...platform, ...ports, magicLinks };
  return { name: 'web', services, implementations: [], mount: (app) => mountWeb(app, services) };
}
