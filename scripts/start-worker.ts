/**
 * One product of `npm start`, in a worker thread of its own. Each product's embedded PGlite is
 * WebAssembly running on the thread that opened it, so two products in one thread started one after
 * the other on one core; in two workers they start side by side on two. The worker imports only its
 * own product (the bundle is split per product), reports `ready` with its URL or `failed` with a
 * printable reason, and closes its app when told to `stop`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError, createLogger, DataDirBusyError } from '@platform/kit';

export interface StartWorkerData {
  product: 'opentrain' | 'trainar';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  templateCacheDir: string;
}

export type StartWorkerMessage =
  | { type: 'ready'; url: string; sandboxMail: boolean }
  /** `text` is the message alone for a refusal that says it all (configuration, a busy directory), else the stack. */
  | { type: 'failed'; text: string }
  | { type: 'stopped' };

interface Started {
  app: { url: string; close(): Promise<void> };
  sandboxMail: boolean;
}

async function startProduct(data: StartWorkerData): Promise<Started> {
  const { product, port, ...common } = data;
  if (product === 'opentrain') {
    const { openTrainEnvOptions, startOpenTrain } = await import('@opentrain/server');
    const env = openTrainEnvOptions();
    const app = await startOpenTrain({ ...common, ...env, port, logger: createLogger({ name: 'opentrain' }) });
    return { app, sandboxMail: !env.smtpUrl };
  }
  const { startTrainAr } = await import('@trainar/server');
  const app = await startTrainAr({ ...common, port, logger: createLogger({ name: 'trainar' }) });
  return { app, sandboxMail: app.extra.mailer.kind === 'sandbox' };
}

function describeFailure(reason: unknown): Extract<StartWorkerMessage, { type: 'failed' }> {
  // The message only: an error object's own fields are never printed wholesale.
  if (reason instanceof ConfigError || reason instanceof DataDirBusyError) return { type: 'failed', text: reason.message };
  if (reason instanceof Error) return { type: 'failed', text: reason.stack ?? reason.message };
  return { type: 'failed', text: String(reason) };
}

if (parentPort) {
  const port = parentPort;
  const post = (message: StartWorkerMessage) => port.postMessage(message);
  let started: Started | undefined;
  let stopRequested = false;
  const stop = async () => {
    await started?.app.close();
    post({ type: 'stopped' });
    port.close();
  };
  port.on('message', (message: { type: 'stop' }) => {
    if (message.type !== 'stop' || stopRequested) return;
    stopRequested = true;
    if (started) void stop();
  });
  try {
    started = await startProduct(workerData as StartWorkerData);
    if (stopRequested) await stop();
    else post({ type: 'ready', url: started.app.url, sandboxMail: started.sandboxMail });
  } catch (err) {
    post(describeFailure(err));
    port.close();
  }
}
