/** @module The sessions module: training sessions as the glasses drive them (the device API's session routes, the silence timeout job), their reads and analytics, and Dashboard → Sessions. */
import { deviceFromRequest } from '../devices';
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { SessionsServices } from './context';
import { mountSessionDeviceApi } from './device-api';
import { sessionHandlers } from './handlers';
import { sessionJobHandlers } from './jobs';
import { mountSessionsPage } from './page';
import type { SessionsPorts } from './ports';
import { SessionQueries } from './queries';
import { SessionService } from './service';

export function createSessionsModule(platform: PlatformServices, ports: SessionsPorts): TrainArModule<SessionsServices> {
  const sessions = new SessionService(platform, ports.tasks, ports.minutes, ports.seats);
  const services: SessionsServices = { sessions, sessionQueries: new SessionQueries(platform, sessions) };
  return {
    name: 'sessions',
    services,
    implementations: sessionHandlers,
    jobHandlers: sessionJobHandlers(sessions),
    mountPages: (app, shell) => mountSessionsPage(app, { ...shell, services }),
    mountRoutes: (app, limiter) => mountSessionDeviceApi(app, sessions, deviceFromRequest(ports.devices, limiter, platform.settings)),
  };
}
