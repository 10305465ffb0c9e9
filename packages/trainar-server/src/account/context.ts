/** @module What the account module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { AccountService } from './service';

export interface AccountServices {
  account: AccountService;
}

export const implementAccount = implementer<TrainArContext<AccountServices>>();
