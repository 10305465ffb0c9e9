/** @module The reports module: the overview, sessions, users and tasks reports over REST and MCP, and Dashboard → Reports. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { ReportsServices } from './context';
import { reportHandlers } from './handlers';
import { mountReportsPage } from './page';
import type { ReportsPorts } from './ports';
import { ReportService } from './service';

export function createReportsModule(platform: PlatformServices, ports: ReportsPorts): TrainArModule<ReportsServices> {
  const services: ReportsServices = { ...ports, reports: new ReportService(platform) };
  return { name: 'reports', services, implementations: reportHandlers, mountPages: (app, shell) => mountReportsPage(app, { ...shell, services }) };
}
