/** @module The tasks module: a tenant's training tasks (created in the dashboard, over REST/MCP or imported by integrations) and Dashboard → Tasks. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { TasksServices } from './context';
import { taskHandlers } from './handlers';
import { mountTasksPage } from './page';
import type { TasksPorts } from './ports';
import { TaskService } from './service';

export function createTasksModule(platform: PlatformServices, ports: TasksPorts): TrainArModule<TasksServices> {
  const services: TasksServices = { ...ports, tasks: new TaskService(platform) };
  return { name: 'tasks', services, implementations: taskHandlers, mountPages: (app, shell) => mountTasksPage(app, { ...shell, services }) };
}
