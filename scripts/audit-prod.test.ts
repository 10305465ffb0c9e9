/**
 * `npm run audit:prod` reads npm's audit answer into a verdict. The reports below have the shape of
 * `npm audit --json` (auditReportVersion 2) and of npm's error object when the advisory endpoint
 * refuses the request (what a download-only mirror answers), which must never read as a pass.
 */
import { describe, expect, it } from 'vitest';
import { readAuditReport } from './audit-prod';

const counts = (high = 0, critical = 0) => ({ info: 0, low: 1, moderate: 2, high, critical, total: 3 + high + critical });

describe('readAuditReport', () => {
  it('an unreachable advisory endpoint is no verdict, with the reason', () => {
    const refused = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', method: 'POST', uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, body: '', error: { summary: '', detail: '' } };
    const verdict = readAuditReport(JSON.stringify(refused));
    expect(verdict.verdict).toBe('unreachable');
    expect(verdict).toMatchObject({ reason: expect.stringContaining('HTTP 405 from POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk') });
    expect(readAuditReport(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed' } }))).toMatchObject({ verdict: 'unreachable', reason: expect.stringContaining('ENOTFOUND') });
    expect(readAuditReport('npm ERR! network')).toMatchObject({ verdict: 'unreachable' });
  });

  it('fails on a high or critical advisory, naming the package, the advisory and the fix', () => {
    const report = {
      auditReportVersion: 2,
      vulnerabilities: {
        'path-to-regexp': {
          name: 'path-to-regexp',
          severity: 'high',
          range: '<0.1.12',
          via: [{ source: 1101850, title: 'path-to-regexp contains a ReDoS', url: 'https://github.com/advisories/GHSA-rhx6-c78j-4q9w', severity: 'high' }],
          fixAvailable: { name: 'express', version: '4.21.2', isSemVerMajor: false },
        },
        express: { name: 'express', severity: 'high', range: '<=4.21.1', via: ['path-to-regexp'], fixAvailable: true },
        debug: { name: 'debug', severity: 'moderate', range: '<2.6.9', via: [{ title: 'ReDoS in debug', url: 'https://github.com/advisories/GHSA-gxpj-cx7g-858c' }], fixAvailable: false },
      },
      metadata: { vulnerabilities: counts(2), dependencies: { prod: 120, dev: 0, total: 120 } },
    };
    const verdict = readAuditReport(JSON.stringify(report));
    expect(verdict.verdict).toBe('vulnerable');
    if (verdict.verdict !== 'vulnerable') return;
    expect(verdict.failing).toEqual([
      { name: 'path-to-regexp', severity: 'high', range: '<0.1.12', advisories: ['https://github.com/advisories/GHSA-rhx6-c78j-4q9w'], fix: 'upgrade express to 4.21.2' },
      { name: 'express', severity: 'high', range: '<=4.21.1', advisories: [], fix: 'npm audit fix' },
    ]);
  });

  it('passes with moderate and low advisories only', () => {
    const verdict = readAuditReport(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: counts(), dependencies: { prod: 98 } } }));
    expect(verdict).toEqual({ verdict: 'clean', counts: counts(), dependencies: 98 });
  });
});
