/** Faults and data: a missing engine, signals mid-up, parallel projects, volumes that survive. */
import { describe, expect, it } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/eventually.js';
import { runCli, startCli } from '../helpers/cli.js';
import { engine, projectContainers, projectNetworks } from '../helpers/engine.js';

const BB = 'tcompose/busybox:latest';
const sleepers = (n: number) => 'services:\n' + Array.from({ length: n }, (_, i) => `  s${i}:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n`).join('');

describe('engine faults', () => {
  it('with no engine at DOCKER_HOST, says so and how to start one, without a stack trace', async () => {
    const s = await scenario('tc-noengine', { 'compose.yaml': sleepers(1) });
    const r = await s.cli(['up', '-d'], { DOCKER_HOST: 'unix:///tmp/tcompose-no-such.sock' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unix:///tmp/tcompose-no-such.sock');
    expect(r.stderr).toMatch(/DOCKER_HOST/);
    expect(r.stderr).toMatch(/engine\.sh|dockerd/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('warns when DOCKER_HOST is plain TCP without TLS', async () => {
    const r = await runCli(['-p', 'tc-tcp-warning', 'ps'], { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    expect(r.stderr).toContain('plain TCP without TLS');
  });

  it('a missing image names the service, the image and the registry', async () => {
    const s = await scenario('tc-noimage', { 'compose.yaml': 'services:\n  web:\n    image: 127.0.0.1:1/tcompose/missing:1\n' });
    const r = await s.cli(['up', '-d']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('service "web"');
    expect(r.stderr).toContain('127.0.0.1:1/tcompose/missing:1');
    expect(r.stderr).toContain('registry 127.0.0.1:1');
    expect(await projectContainers(s.projectName)).toEqual([]);
  });

  it('a failing build in the middle of up is reported and the next up converges once fixed', async () => {
    const s = await scenario('tc-badbuild', {
      'compose.yaml': `services:\n  ok:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n  broken:\n    build: ./broken\n    command: ["sleep", "3600"]\n    init: true\n`,
      'broken/Dockerfile': `FROM ${BB}\nRUN exit 7\n`,
    });
    const r = await s.cli(['up', '-d']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('service "broken" failed to build');
    await s.write('broken/Dockerfile', `FROM ${BB}\nRUN true\n`);
    await s.ok(['up', '-d']);
    expect((await s.containers()).map((c) => c.state).sort()).toEqual(['running', 'running']);
  });

  it('a crashing container under a restart policy keeps being restarted by the engine', async () => {
    const s = await scenario('tc-crash', { 'compose.yaml': `services:\n  crash:\n    image: ${BB}\n    command: ["sh", "-c", "sleep 0.3; exit 1"]\n    restart: on-failure\n` });
    await s.ok(['up', '-d']);
    await eventually(async () => {
      const [c] = await s.containers();
      const inspect = await engine.inspectContainer(c!.id);
      expect((inspect as unknown as { RestartCount: number }).RestartCount).toBeGreaterThanOrEqual(2);
    }, 30_000, 300);
  });
});

describe('signals and concurrency', () => {
  it('SIGTERM during up -d of 30 services exits cleanly; the next up converges and down removes everything', async () => {
    const s = await scenario('tc-sigterm', { 'compose.yaml': sleepers(30) });
    const proc = startCli(['-p', s.projectName, '--progress', 'plain', 'up', '-d'], { cwd: s.dir });
    await eventually(async () => expect((await projectContainers(s.projectName)).length).toBeGreaterThan(0), 30_000, 20);
    const code = await proc.stop('SIGTERM');
    expect([0, 130]).toContain(code);
    expect(proc.output().stderr).not.toMatch(/^\s+at /m);
    await s.ok(['up', '-d']);
    const after = await projectContainers(s.projectName);
    expect(after).toHaveLength(30);
    expect(after.every((c) => c.state === 'running')).toBe(true);
    await s.ok(['down', '-t', '0']);
    expect(await projectContainers(s.projectName)).toEqual([]);
    expect(await projectNetworks(s.projectName)).toEqual([]);
  });

  it('two projects from the same files in parallel do not interfere', async () => {
    const a = await scenario('tc-para', { 'compose.yaml': sleepers(3) });
    const b = await scenario('tc-parb', { 'compose.yaml': sleepers(3) });
    await Promise.all([a.ok(['up', '-d']), b.ok(['up', '-d'])]);
    await a.ok(['down', '-t', '0']);
    expect(await projectContainers(a.projectName)).toEqual([]);
    expect((await projectContainers(b.projectName)).filter((c) => c.state === 'running')).toHaveLength(3);
  });
});

describe('data', () => {
  const compose = (v: string) => `services:\n  db:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n    environment: { V: "${v}" }\n    volumes: [data:/data, /anon]\nvolumes:\n  data:\n`;

  it('named volume data survives down/up, recreate and --force-recreate; the anonymous volume is carried over; only down -v removes it', async () => {
    const s = await scenario('tc-data', { 'compose.yaml': compose('1') });
    await s.ok(['up', '-d']);
    await s.ok(['exec', '-T', 'db', 'sh', '-c', 'echo keep > /data/f']);
    const read = async (p: string) => (await s.ok(['exec', '-T', 'db', 'cat', p])).stdout;
    await s.ok(['down']);
    await s.ok(['up', '-d']);
    expect(await read('/data/f')).toBe('keep\n');
    // A new container after down gets a new anonymous volume; from here on it must follow recreates.
    await s.ok(['exec', '-T', 'db', 'sh', '-c', 'echo anon > /anon/f']);
    await s.write('compose.yaml', compose('2'));
    await s.ok(['up', '-d']);
    expect(await read('/data/f')).toBe('keep\n');
    expect(await read('/anon/f')).toBe('anon\n');
    await s.ok(['up', '-d', '--force-recreate']);
    expect(await read('/data/f')).toBe('keep\n');
    expect(await read('/anon/f')).toBe('anon\n');
    await s.ok(['up', '-d', '--force-recreate', '-V']);
    expect((await s.cli(['exec', '-T', 'db', 'cat', '/anon/f'])).code).not.toBe(0);
    await s.ok(['down', '-v']);
    await s.ok(['up', '-d']);
    expect((await s.cli(['exec', '-T', 'db', 'cat', '/data/f'])).code).not.toBe(0);
  });

  it('secret values never appear in tcompose output', async () => {
    const s = await scenario('tc-secret-out', { 'compose.yaml': `services:\n  app:\n    image: ${BB}\n    command: ["sleep", "3600"]\n    secrets: [token]\nsecrets:\n  token:\n    environment: TC_TOKEN\n` });
    const up = await s.ok(['--progress', 'plain', 'up', '-d'], { TC_TOKEN: 'hunter2-do-not-print' });
    const ps = await s.ok(['ps', '--format', 'json']);
    for (const out of [up.stdout, up.stderr, ps.stdout]) expect(out).not.toContain('hunter2-do-not-print');
  });
});
