/** @module What the tasks module's handlers and pages receive: the request plus this module's services and ports. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { TasksPorts } from './ports';
import type { TaskService } from './service';

export type TasksServices = TasksPorts & {
  tasks: TaskService;
};

export const implementTasks = implementer<TrainArContext<TasksServices>>();
