/** @module The tasks module's public surface: what other modules and the composition root may import. */
export type { TasksServices } from './context';
export { taskMigrations } from './migrations';
export { createTasksModule } from './module';
export type { TasksPorts } from './ports';
export type { CreateTaskInput, TaskPatch, TaskService } from './service';
