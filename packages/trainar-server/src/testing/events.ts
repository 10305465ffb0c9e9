/** @module Reads TrainAR's outbox events as tests care about them: the type and the event's `data` (the envelope's payload). */
import { type Executor, type ReadEventsOptions, readEvents } from '@platform/kit';

export async function readTrainArEvents<D = Record<string, unknown>>(db: Executor, options: ReadEventsOptions = {}) {
  const page = await readEvents<{ data: D }>(db, options);
  return { ...page, events: page.events.map((e) => ({ ...e, payload: e.payload.data })) };
}
