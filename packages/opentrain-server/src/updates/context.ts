/** @module What the updates module's handlers receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { UpdatesService } from './updates-service';

export type UpdatesServices = PlatformServices & { updates: UpdatesService };
export const implementUpdates = implementer<OpenTrainContext<UpdatesServices>>();
