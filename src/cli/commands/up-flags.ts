/** Flags that turn into planner options, shared by `up` and `create`. */
import type { FlagSpec, FlagValues } from '../args.js';
import type { UpOptions } from '../../core/index.js';
import { UsageError } from '../../errors/index.js';

export const convergenceFlags: FlagSpec[] = [
  { name: 'build', type: 'boolean', description: 'Build images before starting containers' },
  { name: 'no-build', type: 'boolean', description: 'Don\'t build an image, even if it\'s missing' },
  { name: 'pull', type: 'string', description: 'Pull image before running ("always"|"missing"|"never")' },
  { name: 'force-recreate', type: 'boolean', description: 'Recreate containers even if their configuration and image haven\'t changed' },
  { name: 'no-recreate', type: 'boolean', description: 'If containers already exist, don\'t recreate them' },
  { name: 'always-recreate-deps', type: 'boolean', description: 'Recreate dependent containers' },
  { name: 'no-deps', type: 'boolean', description: 'Don\'t start linked services' },
  { name: 'renew-anon-volumes', short: 'V', type: 'boolean', description: 'Recreate anonymous volumes instead of retrieving data from the previous containers' },
  { name: 'remove-orphans', type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
  { name: 'scale', type: 'strings', description: 'Scale SERVICE to NUM instances (SERVICE=NUM)' },
  { name: 'quiet-pull', type: 'boolean', description: 'Pull without printing progress information' },
];

export function parseScale(values: string[] | undefined): Record<string, number> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([^=]+)=(\d+)$/.exec(v);
    if (!m) throw new UsageError(`invalid --scale "${v}": expected SERVICE=NUM`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

export function upOptionsFrom(flags: FlagValues, services: string[]): UpOptions {
  if (flags['force-recreate'] && flags['no-recreate']) throw new UsageError('--force-recreate and --no-recreate are incompatible');
  if (flags.build && flags['no-build']) throw new UsageError('--build and --no-build are incompatible');
  const pull = flags.pull as string | undefined;
  if (pull && !['always', 'missing', 'never', 'policy'].includes(pull)) throw new UsageError(`invalid --pull "${pull}": expected always, missing or never`);
  return {
    services: services.length ? services : undefined,
    forceRecreate: Boolean(flags['force-recreate']),
    noRecreate: Boolean(flags['no-recreate']),
    alwaysRecreateDeps: Boolean(flags['always-recreate-deps']),
    noDeps: Boolean(flags['no-deps']),
    renewAnonVolumes: Boolean(flags['renew-anon-volumes']),
    removeOrphans: Boolean(flags['remove-orphans']),
    scale: parseScale(flags.scale as string[] | undefined),
    build: flags.build ? 'always' : flags['no-build'] ? 'never' : 'missing',
    pull: pull === 'policy' ? undefined : (pull as UpOptions['pull']),
  };
}
