/**
 * tcompose as a library:
 *   import { loadProject, up, down } from 'tcompose';
 *   const project = await loadProject({ cwd, environment: process.env, files: ['compose.yaml'] });
 *   await up(project, { wait: true });
 *   await down(project.name, { removeVolumes: true });
 */
import { createTcompose, type UpOptions, type DownOptions } from './core/index.js';
import { connectEngine } from './engine/docker-engine.js';
import type { Project } from './model/project.js';
import type { Plan } from './model/plan.js';

export * from './model/index.js';
export * from './errors/index.js';
export { createTcompose, emptyProject } from './core/index.js';
export type { Tcompose, TcomposeDeps, UpOptions, DownOptions } from './core/index.js';
export { loadProject, type LoadOptions } from './schema/index.js';
export { connectEngine } from './engine/docker-engine.js';
export type { Engine } from './engine/engine.js';
export { formatPlan } from './planner/format-plan.js';

/** `up` with a default engine from DOCKER_HOST. */
export async function up(project: Project, options: UpOptions = {}, signal?: AbortSignal): Promise<Plan> {
  return createTcompose({ engine: connectEngine(process.env), env: process.env }).up(project, options, signal);
}

/** `down` with a default engine from DOCKER_HOST; a project name alone is enough. */
export async function down(project: Project | string, options: DownOptions = {}, signal?: AbortSignal): Promise<Plan> {
  return createTcompose({ engine: connectEngine(process.env), env: process.env }).down(project, options, signal);
}
