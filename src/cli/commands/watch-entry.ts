/** `up --watch` hands over to the watcher (src/watch) once it exists. */
import type { CliContext } from '../context.js';
import type { Project } from '../../model/project.js';
import { UsageError } from '../../errors/index.js';

export async function startWatch(_ctx: CliContext, _project: Project, _options: { detach: boolean }): Promise<number> {
  throw new UsageError('watch is not available in this build yet');
}
