import type { CommandModule } from '../context.js';
import { VERSION } from '../version-info.js';

export const command: CommandModule = {
  summary: 'Show the tcompose version information',
  usage: 'version [OPTIONS]',
  flags: [
    { name: 'format', short: 'f', type: 'string', description: 'Format the output: pretty or json' },
    { name: 'short', type: 'boolean', description: 'Shows only the version number' },
  ],
  async run(ctx, flags) {
    if (flags.short) ctx.stdout.write(`${VERSION}\n`);
    else if (flags.format === 'json') ctx.stdout.write(`${JSON.stringify({ version: VERSION })}\n`);
    else ctx.stdout.write(`tcompose version ${VERSION}\n`);
    return 0;
  },
};
