import type { CommandModule } from '../context.js';
import { VERSION } from '../version-info.js';

/** Which engine and context a run talks to, with the engine's version when it answers within a few seconds. */
async function engineInfo(ctx: Parameters<CommandModule['run']>[0]): Promise<{ endpoint: string; context?: string; line: string; version?: string; apiVersion?: string; error?: string }> {
  const engine = await ctx.engine();
  const where = engine.description ?? `engine ${engine.endpoint}`;
  try {
    const v = await Promise.race([engine.version(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref())]);
    return { endpoint: engine.endpoint, context: engine.context, version: v.version, apiVersion: v.apiVersion, line: `${v.version} (API ${v.apiVersion}), ${where}` };
  } catch (err) {
    return { endpoint: engine.endpoint, context: engine.context, error: (err as Error).message, line: `not reachable: ${where}: ${(err as Error).message}` };
  }
}

export const command: CommandModule = {
  summary: 'Show the tcompose version information',
  usage: 'version [OPTIONS]',
  flags: [
    { name: 'format', short: 'f', type: 'string', description: 'Format the output: pretty or json' },
    { name: 'short', type: 'boolean', description: 'Shows only the version number' },
  ],
  async run(ctx, flags) {
    if (flags.short) { ctx.stdout.write(`${VERSION}\n`); return 0; }
    const engine = await engineInfo(ctx);
    if (flags.format === 'json') {
      const { line: _line, ...rest } = engine;
      ctx.stdout.write(`${JSON.stringify({ version: VERSION, engine: rest })}\n`);
    } else {
      ctx.stdout.write(`tcompose version ${VERSION}\nEngine: ${engine.line}\n`);
    }
    return 0;
  },
};
