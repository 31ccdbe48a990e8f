/** Bad input never half-applies: a clear error with its location, exit 1, no stack trace, nothing on the engine. */
import { describe, expect, it } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { projectContainers, projectNetworks, projectVolumes } from '../helpers/engine.js';
import { badInputCases, badFlagCases, type BadInputCase } from './bad-input-cases.js';

async function expectRejected(c: BadInputCase, withLocation: boolean) {
  const s = await scenario('tc-bad', c.files);
  // Flags that name the project come before scenario's own -p, so run the CLI directly for those.
  const args = c.args ?? [];
  const result = args.includes('-p') || c.noProjectFlag
    ? await (await import('../helpers/cli.js')).runCli([...args, 'up', '-d'], { cwd: s.dir })
    : await s.cli([...args, 'up', '-d']);
  expect(result.code, result.stderr).toBe(1);
  const message = result.stderr.trim();
  expect(message).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(message).not.toContain('internal error');
  if (withLocation) {
    expect(message).toMatch(new RegExp(`${c.at!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${c.at!.endsWith(':') ? '' : ':'}\\d*:?\\d+`));
  }
  for (const s2 of c.says) expect(message).toContain(s2);
  expect(await projectContainers(s.projectName)).toEqual([]);
  expect(await projectNetworks(s.projectName)).toEqual([]);
  expect(await projectVolumes(s.projectName)).toEqual([]);
}

describe('bad input in compose files', () => {
  it('has at least 50 cases', () => {
    expect(badInputCases.length + badFlagCases.length).toBeGreaterThanOrEqual(50);
  });
  it.each(badInputCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRejected(c, true);
  });
});

describe('bad input on the command line', () => {
  it.each(badFlagCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRejected(c, false);
  });
});
