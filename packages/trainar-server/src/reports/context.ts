/** @module What the reports module's handlers and pages receive: the request plus this module's services and ports. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { ReportsPorts } from './ports';
import type { ReportService } from './service';

export type ReportsServices = ReportsPorts & {
  reports: ReportService;
};

export const implementReports = implementer<TrainArContext<ReportsServices>>();
