/** `config`: flag parsing only; the loader's renderer prints the canonical model. */
import type { CommandModule } from '../context.js';
import { UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'Parse, resolve and render compose file in canonical format',
  usage: 'config [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'format', type: 'string', description: 'Format the output: yaml or json' },
    { name: 'services', type: 'boolean', description: 'Print the service names, one per line' },
    { name: 'volumes', type: 'boolean', description: 'Print the volume names, one per line' },
    { name: 'profiles', type: 'boolean', description: 'Print the profile names, one per line' },
    { name: 'images', type: 'boolean', description: 'Print the image names, one per line' },
    { name: 'hash', type: 'string', description: 'Print the service config hash, one per line ("*" for all)' },
    { name: 'variables', type: 'boolean', description: 'Print model variables and default values' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Only validate the configuration, don\'t print anything' },
    { name: 'no-interpolate', type: 'boolean', description: 'Don\'t interpolate environment variables' },
    { name: 'no-normalize', type: 'boolean', description: 'Don\'t normalize compose model' },
    { name: 'no-consistency', type: 'boolean', description: 'Don\'t check model consistency' },
    { name: 'resolve-image-digests', type: 'boolean', description: 'Pin image tags to digests (not supported: no registry access)' },
    { name: 'output', short: 'o', type: 'string', description: 'Save to file (default to stdout)' },
  ],
  async run(ctx, flags, positionals) {
    const format = (flags.format as string | undefined) ?? 'yaml';
    if (format !== 'yaml' && format !== 'json') throw new UsageError(`unsupported format "${format}": expected yaml or json`);
    const { runConfig } = await import('./config.js');
    const project = await ctx.loadProject({
      services: positionals,
      interpolate: !flags['no-interpolate'],
      normalize: !flags['no-normalize'],
      // As docker compose: with --no-interpolate the model is printed without the consistency check.
      consistency: !flags['no-consistency'] && !flags['no-interpolate'],
    });
    return runConfig(project, {
      format, services: Boolean(flags.services), volumes: Boolean(flags.volumes), profiles: Boolean(flags.profiles),
      images: Boolean(flags.images), hash: flags.hash as string | undefined, variables: Boolean(flags.variables),
      quiet: Boolean(flags.quiet), noInterpolate: Boolean(flags['no-interpolate']), output: flags.output as string | undefined,
    }, { stdout: (s) => ctx.stdout.write(s) });
  },
};
