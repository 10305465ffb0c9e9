/**
 * `npm run audit:prod`: `npm audit` of the production dependencies (dev tools left out), failing on
 * high or critical advisories (docs/testing.md, "Secrets and dependency audit").
 *
 * npm audit asks the registry's advisory endpoint (a POST). When that endpoint cannot be reached
 * (offline, or a mirror or proxy that only serves package downloads) there is no verdict, and this
 * script says so and exits 3 instead of passing: an audit that did not run is not a clean audit.
 *
 * Exit codes: 0 no high or critical advisory; 1 at least one; 3 the audit could not run.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const EXIT = { clean: 0, vulnerable: 1, unreachable: 3 } as const;
const FAILING = new Set(['high', 'critical']);

type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';

/** The parts of npm's audit report (auditReportVersion 2) read here. */
interface NpmAuditReport {
  vulnerabilities?: Record<
    string,
    {
      name: string;
      severity: Severity;
      range: string;
      via?: (string | { title?: string; url?: string })[];
      fixAvailable?: boolean | { name: string; version: string };
    }
  >;
  metadata?: { vulnerabilities?: Record<Severity, number>; dependencies?: { prod?: number; total?: number } };
  // npm's error object (when the audit endpoint failed)
  statusCode?: number;
  method?: string;
  uri?: string;
  message?: string;
  error?: { code?: string; summary?: string };
}

export interface FailingPackage {
  name: string;
  severity: Severity;
  range: string;
  advisories: string[];
  fix: string;
}

export type AuditVerdict =
  | { verdict: 'unreachable'; reason: string }
  | { verdict: 'vulnerable'; counts: Record<Severity, number>; failing: FailingPackage[]; dependencies?: number }
  | { verdict: 'clean'; counts: Record<Severity, number>; dependencies?: number };

/**
 * What an `npm audit --json` answer says: `unreachable` (npm's error object, or no JSON at all),
 * `vulnerable` with the high and critical packages, or `clean` with the counts.
 */
export function readAuditReport(stdout: string): AuditVerdict {
  let report: NpmAuditReport | null;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: 'unreachable', reason: `npm audit printed no report (${stdout.trim().slice(0, 200) || 'no output'})` };
  }
  if (!report || typeof report !== 'object' || !report.metadata?.vulnerabilities) {
    const status = report?.statusCode ? `HTTP ${report.statusCode}` : (report?.error?.code ?? 'an error');
    const where = report?.uri ? ` from ${report.method ?? 'POST'} ${report.uri}` : '';
    // npm's message repeats the status and the URI when it has them.
    const summary = report?.error?.summary || (report?.uri ? '' : (report?.message ?? ''));
    return { verdict: 'unreachable', reason: `the audit endpoint answered ${status}${where}${summary ? `: ${summary}` : ''}` };
  }
  const counts = report.metadata.vulnerabilities;
  const failing: FailingPackage[] = Object.values(report.vulnerabilities ?? {})
    .filter((v) => FAILING.has(v.severity))
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      range: v.range,
      // A string names another vulnerable package this one depends on; objects are the advisories.
      advisories: (v.via ?? []).flatMap((via) => (typeof via === 'object' ? [via.url ?? via.title ?? 'advisory'] : [])),
      fix: v.fixAvailable === true ? 'npm audit fix' : v.fixAvailable ? `upgrade ${v.fixAvailable.name} to ${v.fixAvailable.version}` : 'no fix published yet',
    }));
  const dependencies = report.metadata.dependencies?.prod ?? report.metadata.dependencies?.total;
  return failing.length > 0 ? { verdict: 'vulnerable', counts, failing, dependencies } : { verdict: 'clean', counts, dependencies };
}

function main(): number {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = readAuditReport(run.stdout ?? '');
  if (result.verdict === 'unreachable') {
    process.stderr.write(
      `Dependency audit NOT RUN: ${result.reason}.\n` +
        'No verdict on the production dependencies (this is not a pass). Run `npm run audit:prod` where the npm registry accepts audit requests.\n',
    );
    return EXIT.unreachable;
  }
  const { counts } = result;
  const line = `critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}`;
  if (result.verdict === 'vulnerable') {
    process.stderr.write(`Dependency audit FAILED (production dependencies): ${line}\n`);
    for (const v of result.failing) process.stderr.write(`  ${v.severity} ${v.name} ${v.range}: ${v.advisories.join(', ')} (fix: ${v.fix})\n`);
    return EXIT.vulnerable;
  }
  process.stdout.write(`Dependency audit passed: no high or critical advisory in ${result.dependencies ?? 'the'} production dependencies (${line}).\n`);
  return EXIT.clean;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
