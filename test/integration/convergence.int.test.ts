/** Planner + reconciler against the real engine: critical-path starts, minimal recreation, no duplicates. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { execFileSync } from 'node:child_process';
import { scenario } from '../helpers/scenario.js';
import { engine } from '../helpers/engine.js';
import { startCli } from '../helpers/cli.js';
import { eventually } from '../helpers/eventually.js';

const healthService = (name: string, waitFor: string, deps: string[] = []) => `  ${name}:
    image: tcompose/busybox:latest
    init: true
    command: ["sh", "-c", "${waitFor}; touch /tmp/ready; exec sleep 3600"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 200ms
      retries: 3000
${deps.length ? `    depends_on:\n${deps.map((d) => `      ${d}:\n        condition: service_healthy\n`).join('')}` : ''}`;
const ready = (name: string, deps: string[] = []) => healthService(name, 'true', deps);
/** Healthy only once the test creates /tmp/go in it: the order below is caused, not timed. */
const gated = (name: string) => healthService(name, 'until [ -f /tmp/go ]; do sleep 1; done');

async function inspectAll(s: Awaited<ReturnType<typeof scenario>>) {
  const list = await s.containers();
  const out: Record<string, Awaited<ReturnType<typeof engine.inspectContainer>>> = {};
  for (const c of list) out[c.labels['com.docker.compose.service']!] = await engine.inspectContainer(c.id);
  return out;
}

describe('convergence', () => {
  it('a 5-service healthcheck graph starts each service as soon as its own dependencies are healthy', async () => {
    // Critical path: slow → after_slow → last. The fast branch must not wait for the slow one.
    const compose = `services:\n${gated('slow')}${ready('fast')}${ready('after_fast', ['fast'])}${ready('after_slow', ['slow'])}${ready('last', ['after_fast', 'after_slow'])}`;
    const s = await scenario('tc-dag', { 'compose.yaml': compose });
    const up = startCli(['-p', s.projectName, 'up', '-d', '--wait'], { cwd: s.dir });
    onTestFinished(async () => { await up.stop('SIGKILL'); });
    // Not level by level: the fast branch gets all the way to healthy while slow is still unhealthy.
    await eventually(async () => {
      if ((await inspectAll(s)).after_fast?.State.Health?.Status !== 'healthy') throw new Error('after_fast not healthy yet');
    }, 90_000, 200);
    let c = await inspectAll(s);
    expect(c.slow!.State.Health?.Status).toBe('starting');
    for (const svc of ['after_slow', 'last']) expect(c[svc]?.State.Running ?? false, svc).toBe(false);
    const released = Date.now();
    execFileSync('docker', ['exec', c.slow!.Id, 'touch', '/tmp/go']);
    expect(await up.exited, up.output().stderr).toBe(0);
    c = await inspectAll(s);
    for (const svc of Object.keys(c)) expect(c[svc]!.State.Health?.Status, svc).toBe('healthy');
    const started = (svc: string) => Date.parse(c[svc]!.State.StartedAt);
    // Each dependent started only after its dependency became healthy.
    expect(started('after_slow')).toBeGreaterThanOrEqual(released - 1000);
    expect(started('last')).toBeGreaterThanOrEqual(started('after_slow'));
    expect(started('last')).toBeGreaterThanOrEqual(started('after_fast'));
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
