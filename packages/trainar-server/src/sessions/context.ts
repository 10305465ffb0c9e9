/** @module What the sessions module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { SessionQueries } from './queries';
import type { SessionService } from './service';

export interface SessionsServices {
  sessions: SessionService;
  sessionQueries: SessionQueries;
}

export const implementSessions = implementer<TrainArContext<SessionsServices>>();
