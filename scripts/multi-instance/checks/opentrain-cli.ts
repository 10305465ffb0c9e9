/**
 * @module The `opentrain` CLI (the built bundle, as users run it) through the proxy: register, draft
 * from a file, answer the missing fields with `--set`, publish, list.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, cleanEnv, runOpentrain, tempConfigDir } from '../../../packages/opentrain-cli/test/helpers';
import { check } from './support';

const DESCRIPTION = `Bounding boxes for retail shelf photos

We need 3 annotators to draw bounding boxes around products on 20,000 supermarket shelf images.
Work in CVAT. Annotators must read English. Pay: $18 per hour. The project runs for 3 months,
about 15 hours/week.`;

interface MissingField {
  updateKeys: string[];
  example: unknown;
  enumValues?: string[] | null;
  type: string;
}

function answer(f: MissingField): string {
  if (f.example !== undefined && f.example !== null) return Array.isArray(f.example) ? f.example.join(',') : typeof f.example === 'object' ? JSON.stringify(f.example) : String(f.example);
  if (f.enumValues?.length) return f.enumValues[0];
  return f.type === 'number' || f.type === 'integer' ? '1' : 'Answer from the human';
}

export async function openTrainCliFlow(base: string): Promise<Record<string, unknown>> {
  buildBundle();
  const config = tempConfigDir();
  const run = async (args: string[]) => {
    const result = await runOpentrain(args, { env: cleanEnv({ XDG_CONFIG_HOME: config.dir, OPENTRAIN_API_BASE_URL: base }) });
    check(result.code === 0, `opentrain ${args.join(' ')} exits 0`, result.stderr);
    return result.stdout;
  };
  try {
    await run(['auth', 'register', '--agent-name', 'Multi-instance CLI agent']);
    const file = join(config.dir, 'job.txt');
    writeFileSync(file, DESCRIPTION);
    let draft = JSON.parse(await run(['jobs', 'draft', 'create', '--description-file', file, '--json'])) as { jobId: string; missingFields: MissingField[]; validation: { publishReady: boolean } };
    for (let round = 0; round < 3 && draft.missingFields.length > 0; round++) {
      const sets = draft.missingFields.flatMap((f) => ['--set', `${f.updateKeys[0]}=${answer(f)}`]);
      draft = { ...draft, ...JSON.parse(await run(['jobs', 'draft', 'update', '--job-id', draft.jobId, ...sets, '--json'])) };
    }
    check(draft.validation.publishReady, 'the draft is ready', draft.validation);
    check((await run(['jobs', 'publish', '--job-id', draft.jobId])).includes('is live (OPEN)'), 'published');
    const listed = JSON.parse(await run(['jobs', 'list', '--json'])) as { jobs: Array<{ id: string; status: string }> };
    check(listed.jobs.find((j) => j.id === draft.jobId)?.status === 'OPEN', 'the job lists as OPEN', listed);
    return { jobId: draft.jobId };
  } finally {
    config.cleanup();
  }
}
