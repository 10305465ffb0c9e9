import { opentrainApi } from './packages/opentrain-api/src/index';
import { trainarApi } from './packages/trainar-api/src/index';
import { hostileSummaryLeaks } from './packages/kit/src/testing/index';
for (const api of [opentrainApi, trainarApi]) {
  const leaks = hostileSummaryLeaks(api.operations);
  console.log(api.product, api.operations.length, 'leaks', leaks.length);
  for (const l of leaks) console.log(' ', l.operation, '|', l.problem, '|', JSON.stringify(l.summary).slice(0, 300));
}
