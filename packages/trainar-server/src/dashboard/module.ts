/**
 * @module The dashboard shell: sign-up, sign-in, sign-out, the set-password page, the home page and,
 * when mail goes to the sandbox, /dev/mail. Every other page belongs to its module; the chrome they
 * share (session, view, nav) is in the platform layer.
 */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import { mountAuthPages } from './auth-pages';
import type { DashboardServices } from './context';
import { mountDevMailPage } from './dev-mail-page';
import { mountHomePage } from './home-page';
import type { DashboardPorts } from './ports';

export function createDashboardModule(platform: PlatformServices, ports: DashboardPorts): TrainArModule<DashboardServices> {
  const services: DashboardServices = { ...ports, deps: platform };
  return {
    name: 'dashboard',
    services,
    implementations: [],
    mountPages: (app, shell) => {
      mountAuthPages(app, { ...shell, services });
      mountHomePage(app, { ...shell, services });
      if (shell.sandboxMail) mountDevMailPage(app, shell.db);
    },
  };
}
