/** Planner + reconciler against the real engine: critical-path starts, minimal recreation, no duplicates. */
import { describe, expect, it } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { engine } from '../helpers/engine.js';

const ready = (name: string, delay: number, deps: string[] = []) => `  ${name}:
    image: tcompose/busybox:latest
    init: true
    command: ["sh", "-c", "sleep ${delay}; touch /tmp/ready; exec sleep 3600"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 200ms
      retries: 100
${deps.length ? `    depends_on:\n${deps.map((d) => `      ${d}:\n        condition: service_healthy\n`).join('')}` : ''}`;

async function inspectAll(s: Awaited<ReturnType<typeof scenario>>) {
  const list = await s.containers();
  const out: Record<string, Awaited<ReturnType<typeof engine.inspectContainer>>> = {};
  for (const c of list) out[c.labels['com.docker.compose.service']!] = await engine.inspectContainer(c.id);
  return out;
}

describe('convergence', () => {
  it('a 5-service healthcheck graph starts each service as soon as its own dependencies are healthy', async () => {
    // Critical path: slow (3s) → after_slow. The fast branch must not wait for the slow one.
    const compose = `services:\n${ready('slow', 3)}${ready('fast', 0)}${ready('after_fast', 0, ['fast'])}${ready('after_slow', 0, ['slow'])}${ready('last', 0, ['after_fast', 'after_slow'])}`;
    const s = await scenario('tc-dag', { 'compose.yaml': compose });
    await s.ok(['up', '-d', '--wait']);
    const c = await inspectAll(s);
    const started = (svc: string) => Date.parse(c[svc]!.State.StartedAt);
    for (const svc of Object.keys(c)) expect(c[svc]!.State.Health?.Status, svc).toBe('healthy');
    // Each dependent started after its dependency became healthy (which takes at least its delay).
    expect(started('after_slow') - started('slow')).toBeGreaterThanOrEqual(3000);
    expect(started('last')).toBeGreaterThanOrEqual(started('after_slow'));
    expect(started('last')).toBeGreaterThanOrEqual(started('after_fast'));
    // Not level by level: the fast branch went ahead while slow was still starting.
    expect(started('after_fast')).toBeLessThan(started('after_slow'));
    expect(started('after_fast') - started('slow')).toBeLessThan(3000);
  });

  it('changing one service\'s environment must recreate only that service', async () => {
    const base = (value: string) => `services:\n  a:\n    image: tcompose/busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n    environment:\n      VALUE: "${value}"\n  b:\n    image: tcompose/busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n    depends_on: [a]\n  c:\n    image: tcompose/busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n`;
    const s = await scenario('tc-recreate', { 'compose.yaml': base('one') });
    await s.ok(['up', '-d']);
    const before = await inspectAll(s);
    await s.write('compose.yaml', base('two'));
    await s.ok(['up', '-d']);
    const after = await inspectAll(s);
    expect(after.a!.Id).not.toBe(before.a!.Id);
    expect(after.a!.Config.Env).toContain('VALUE=two');
    expect(after.a!.Name).toBe(`/${s.projectName}-a-1`);
    for (const svc of ['b', 'c']) {
      expect(after[svc]!.Id, svc).toBe(before[svc]!.Id);
      expect(after[svc]!.State.StartedAt, svc).toBe(before[svc]!.State.StartedAt);
    }
  });

  it('five concurrent up on one project give exactly one set of containers', async () => {
    const compose = 'services:\n' + ['a', 'b', 'c'].map((n) => `  ${n}:\n    image: tcompose/busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n    scale: 2\n`).join('');
    const s = await scenario('tc-concurrent', { 'compose.yaml': compose });
    const results = await Promise.all(Array.from({ length: 5 }, () => s.cli(['up', '-d'])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const names = (await s.containers()).map((c) => c.names[0]).sort();
    expect(names).toEqual(['a-1', 'a-2', 'b-1', 'b-2', 'c-1', 'c-2'].map((n) => `${s.projectName}-${n}`));
  });

  it('scales up and down by replica number, and --dry-run changes nothing', async () => {
    const compose = 'services:\n  web:\n    image: tcompose/busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n';
    const s = await scenario('tc-scale', { 'compose.yaml': compose });
    await s.ok(['up', '-d', '--scale', 'web=3']);
    expect((await s.containers()).map((c) => c.names[0]).sort()).toEqual([1, 2, 3].map((n) => `${s.projectName}-web-${n}`));
    const dry = await s.ok(['--dry-run', 'up', '-d', '--scale', 'web=1']);
    expect(dry.stdout).toContain('service:web:3 RemoveContainer (scaled down)');
    expect(await s.containers()).toHaveLength(3);
    await s.ok(['up', '-d', '--scale', 'web=1']);
    expect((await s.containers()).map((c) => c.names[0])).toEqual([`${s.projectName}-web-1`]);
  });
});
