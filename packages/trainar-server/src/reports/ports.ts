/** @module What the reports module needs from the others. */
import type { z } from '@platform/kit';
import type { ops } from '@trainar/api';
import type { ReportPeriodInput } from './period';

export interface ReportsPorts {
  /** Reports → Minutes shows billing's minutes report (billing owns the pool and its ledger). */
  billing: { minutesReport(tenantId: string, input: ReportPeriodInput): Promise<z.output<typeof ops.getMinutesReport.output>> };
}
