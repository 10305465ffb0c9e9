/** @module What the users module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { UserService } from './service';

export interface UsersServices {
  users: UserService;
}

export const implementUsers = implementer<TrainArContext<UsersServices>>();
