/** @module What the money module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { MoneyServiceSet } from './module-services';
import type { MoneyPorts } from './ports';

export type MoneyServices = PlatformServices & MoneyPorts & { money: MoneyServiceSet };
export const implementMoney = implementer<OpenTrainContext<MoneyServices>>();
