/**
 * The module arrows (STYLE.md, "allowed imports point down"), checked on the sources: a new arrow fails here
 * and has to be argued for in this table. Exceptions to the style guide, with their reason:
 * - schema → planner: the loader reports dependency cycles with the planner's graph (one cycle finder);
 * - reconciler, core → dns: only `dns/labels`, the labels a container carries for the DNS daemon;
 * - planner → node:crypto: the config hash (sha256), a pure computation.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = dirname(fileURLToPath(import.meta.url));

const allowed: Record<string, string[]> = {
  model: [],
  errors: [],
  host: [],
  planner: ['model', 'errors'],
  schema: ['model', 'errors', 'planner'],
  engine: ['model', 'errors'],
  build: [],
  dns: ['model', 'errors', 'engine', 'host'],
  reconciler: ['model', 'errors', 'engine', 'host', 'build', 'dns'],
  watch: ['model', 'engine', 'planner', 'build', 'core'],
  core: ['model', 'errors', 'engine', 'host', 'planner', 'reconciler', 'schema', 'dns'],
  cli: ['model', 'errors', 'engine', 'host', 'planner', 'schema', 'core', 'dns', 'watch', 'build'],
};

/** Node built-ins a pure module may still use. */
const pureBuiltins: Record<string, string[]> = { planner: ['node:crypto'], model: [], errors: [] };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('test-builders') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\(|import)\s*'([^']+)'/g)].map((m) => m[1]!);
}

const moduleOf = (file: string) => relative(src, file).split('/')[0]!;

describe('module boundaries', () => {
  it('every import between src modules follows the table', () => {
    const wrong: string[] = [];
    for (const file of sources(src)) {
      const from = moduleOf(file);
      if (!(from in allowed)) continue; // src/index.ts: the package entry re-exports the library API
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const to = moduleOf(resolve(dirname(file), spec));
        if (to !== from && !allowed[from]!.includes(to)) wrong.push(`${relative(src, file)} imports ${to} (${spec})`);
        if ((from === 'core' || from === 'reconciler') && to === 'dns' && !spec.includes('dns/labels')) wrong.push(`${relative(src, file)} imports more of dns than its labels (${spec})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('pure modules use no Node built-in beyond their exceptions, and only the engine adapter loads dockerode', () => {
    const wrong: string[] = [];
    for (const file of sources(src)) {
      const from = moduleOf(file);
      for (const spec of importsOf(file)) {
        if (from in pureBuiltins && spec.startsWith('node:') && !pureBuiltins[from]!.includes(spec)) wrong.push(`${relative(src, file)}: ${spec}`);
        if ((spec === 'dockerode' || spec === 'docker-modem') && from !== 'engine') wrong.push(`${relative(src, file)}: ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
