/**
 * The module arrows (STYLE.md, "allowed imports point down"), held by dependency-cruiser with the rules of
 * `.dependency-cruiser.cjs` over the table in `module-arrows.cjs`. A new arrow fails here and has to be argued
 * for in that table.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const config = require(join(root, '.dependency-cruiser.cjs')) as IConfiguration;
const { exceptions } = require(join(root, 'module-arrows.cjs')) as { exceptions: Array<[string, string, string]> };

async function cruiseIn(baseDir: string): Promise<ICruiseResult> {
  const cwd = process.cwd();
  // dependency-cruiser resolves paths and the tsconfig against the working directory.
  process.chdir(baseDir);
  try {
    const { output } = await cruise(['src'], { ...config.options, ruleSet: config, validate: true }, undefined, { tsConfig: extractTSConfig(join(baseDir, 'tsconfig.json')) });
    return output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
}

const violationsOf = (result: ICruiseResult) => result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('module boundaries', () => {
  it('every import between src modules follows the arrows, with only the named exceptions', async () => {
    const result = await cruiseIn(root);
    expect(violationsOf(result)).toEqual([]);
    // An exception the code no longer needs is removed from the table, so the arrow cannot silently come back.
    const arrows = new Set(result.modules.flatMap((m) => m.dependencies.map((d) => `${m.source} → ${d.resolved}`)));
    expect(exceptions.map(([from, to]) => `${from} → ${to}`).filter((arrow) => !arrows.has(arrow))).toEqual([]);
  }, 60_000);

  it('the rules see every import form: either quote, export-from, type-only, dynamic import, Node built-ins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-arrows-'));
    try {
      const write = (path: string, text: string) => { mkdirSync(dirname(join(dir, path)), { recursive: true }); writeFileSync(join(dir, path), text); };
      write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src/**/*.ts'] }));
      write('src/planner/a.ts', 'export const a = 1;\n');
      write('src/planner/b.ts', 'export type B = number;\n');
      write('src/engine/c.ts', 'export const c = 1;\n');
      write('src/schema/d.ts', 'export const d = 1;\n');
      write('src/cli/single.ts', "import { a } from '../planner/a.js';\nexport const x = a;\n");
      write('src/cli/double.ts', 'import { a } from "../planner/a.js";\nexport const x = a;\n');
      write('src/cli/reexport.ts', 'export * from "../schema/d.js";\n');
      write('src/cli/type-only.ts', "import type { B } from '../planner/b.js';\nexport const x: B = 1;\n");
      write('src/cli/dynamic.ts', 'export const load = () => import("../engine/c.js");\n');
      write('src/model/builtin.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
      const found = violationsOf(await cruiseIn(dir)).map((v) => v.replace(/^[^:]+: /, ''));
      expect(found.sort()).toEqual([
        'src/cli/double.ts → src/planner/a.ts',
        'src/cli/dynamic.ts → src/engine/c.ts',
        'src/cli/reexport.ts → src/schema/d.ts',
        'src/cli/single.ts → src/planner/a.ts',
        'src/cli/type-only.ts → src/planner/b.ts',
        'src/model/builtin.ts → fs',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
