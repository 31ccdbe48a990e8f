/**
 * A small argv parser with docker compose's conventions: global flags before the command, command flags after,
 * `-f a -f b` repeats, `--flag=value`, bundled short booleans (`-dV`), `--` ends flags.
 */
import { UsageError } from '../errors/index.js';
import { closest } from '../errors/suggest.js';

export { closest };

export type FlagType = 'boolean' | 'string' | 'strings' | 'number';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  description: string;
}

export type FlagValues = Record<string, boolean | string | string[] | number | undefined>;

export interface ParsedArgs {
  flags: FlagValues;
  positionals: string[];
}

/** Parse until the first positional when `stopAtPositional` (global flags), else everything. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], options: { stopAtPositional?: boolean; context: string }): ParsedArgs & { rest: string[] } {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: FlagValues = {};
  const positionals: string[] = [];
  let i = 0;

  const set = (spec: FlagSpec, raw: string | undefined, next: () => string) => {
    if (spec.type === 'boolean') {
      flags[spec.name] = raw === undefined ? true : !['false', '0', 'no'].includes(raw.toLowerCase());
      return;
    }
    const value = raw ?? next();
    if (spec.type === 'strings') (flags[spec.name] = (flags[spec.name] as string[] | undefined) ?? []) && (flags[spec.name] as string[]).push(value);
    else if (spec.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`invalid value "${value}" for --${spec.name} (${options.context}): a number is expected`);
      flags[spec.name] = n;
    } else flags[spec.name] = value;
  };

  while (i < argv.length) {
    const arg = argv[i++]!;
    const next = () => {
      if (i >= argv.length) throw new UsageError(`flag needs an argument: ${arg} (${options.context})`);
      return argv[i++]!;
    };
    if (arg === '--') { positionals.push(...argv.slice(i)); i = argv.length; break; }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec) throw new UsageError(unknownFlag(`--${name}`, specs, options.context));
      set(spec, eq < 0 ? undefined : arg.slice(eq + 1), next);
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letters = arg.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const spec = byShort.get(letters[j]!);
        if (!spec) throw new UsageError(unknownFlag(`-${letters[j]}`, specs, options.context));
        if (spec.type === 'boolean') { set(spec, undefined, next); continue; }
        const attached = letters.slice(j + 1).replace(/^=/, '');
        set(spec, attached || undefined, next);
        break;
      }
    } else {
      positionals.push(arg);
      if (options.stopAtPositional) break;
    }
  }
  return { flags, positionals, rest: argv.slice(i) as string[] };
}

function unknownFlag(flag: string, specs: readonly FlagSpec[], context: string): string {
  const guess = closest(flag.replace(/^-+/, ''), specs.map((s) => s.name));
  return `unknown flag: ${flag} (${context})${guess ? `. Did you mean --${guess}?` : ''}`;
}

export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  return specs.map((s) => {
    const left = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.type === 'boolean' ? '' : s.type === 'number' ? ' int' : ' string'}`;
    return `  ${left.padEnd(34)} ${s.description}`;
  }).join('\n');
}
