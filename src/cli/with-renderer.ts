/** Run a core call with a progress renderer that is always closed, so output is flushed even on failure. */
import type { CliContext } from './context.js';
import type { Tcompose } from '../core/index.js';

export async function withRenderer<T>(ctx: CliContext, fn: (tcompose: Tcompose) => Promise<T>): Promise<T> {
  const renderer = await ctx.renderer();
  const tcompose = await ctx.tcompose(renderer);
  try {
    return await fn(tcompose);
  } finally {
    await renderer.close();
  }
}
