/** The command set beyond up/down: each command's effect checked on the engine (or its exit code and output). */
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/ports.js';
import { startCli } from '../helpers/cli.js';
import { engine } from '../helpers/engine.js';

const BB = 'tcompose/busybox:latest';
const two = (port = 0) => `services:\n  web:\n    image: ${BB}\n    init: true\n    command: ["sh", "-c", "mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 80 -h /www"]\n${port ? `    ports: ["127.0.0.1:${port}:80"]\n` : ''}  worker:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n    depends_on: [web]\n`;

async function states(s: Awaited<ReturnType<typeof scenario>>) {
  return Object.fromEntries((await s.containers()).filter((c) => c.labels['com.docker.compose.oneoff'] === 'False').map((c) => [c.labels['com.docker.compose.service'], c.state]));
}

describe('commands', () => {
  it('create, start, stop, restart, kill, pause, unpause, rm', async () => {
    const s = await scenario('tc-cmd-life', { 'compose.yaml': two() });
    await s.ok(['create']);
    expect(await states(s)).toEqual({ web: 'created', worker: 'created' });
    await s.ok(['start']);
    expect(await states(s)).toEqual({ web: 'running', worker: 'running' });
    await s.ok(['stop', 'worker']);
    expect(await states(s)).toEqual({ web: 'running', worker: 'exited' });
    const before = (await engine.inspectContainer((await s.containers()).find((c) => c.labels['com.docker.compose.service'] === 'web')!.id)).State.StartedAt;
    await s.ok(['restart', 'web']);
    const after = (await engine.inspectContainer((await s.containers()).find((c) => c.labels['com.docker.compose.service'] === 'web')!.id)).State.StartedAt;
    expect(after).not.toBe(before);
    await s.ok(['pause', 'web']);
    expect((await states(s)).web).toBe('paused');
    await s.ok(['unpause', 'web']);
    expect((await states(s)).web).toBe('running');
    await s.ok(['kill', 'web']);
    expect((await states(s)).web).toBe('exited');
    await s.ok(['rm', '-f']);
    expect(await s.containers()).toEqual([]);
  });

  it('exec passes env, user and workdir, and returns the exit code; run creates a one-off and removes it with --rm', async () => {
    const s = await scenario('tc-cmd-exec', { 'compose.yaml': two() });
    await s.ok(['up', '-d']);
    const e = await s.ok(['exec', '-T', '-e', 'GREETING=hi', '-u', 'nobody', '-w', '/tmp', 'worker', 'sh', '-c', 'echo $GREETING $(id -u) $(pwd)']);
    expect(e.stdout.trim()).toBe('hi 65534 /tmp');
    expect((await s.cli(['exec', '-T', 'worker', 'sh', '-c', 'exit 7'])).code).toBe(7);
    const r = await s.cli(['run', '--rm', '-T', '-e', 'X=1', 'worker', 'sh', '-c', 'echo run $X; exit 3']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('run 1');
    expect((await s.containers()).filter((c) => c.labels['com.docker.compose.oneoff'] === 'True')).toEqual([]);
    const d = await s.ok(['run', '-d', '--name', `${s.projectName}-oneoff`, 'worker', 'sleep', '60']);
    expect(d.stdout.trim()).toBe(`${s.projectName}-oneoff`);
    const oneoff = (await s.containers()).find((c) => c.names[0] === `${s.projectName}-oneoff`)!;
    expect(oneoff.labels['com.docker.compose.oneoff']).toBe('True');
    await s.ok(['down', '-t', '0']);
    expect(await s.containers()).toEqual([]);
  });

  it('port, top, images, ls, ps --services', async () => {
    const port = await freePort();
    const s = await scenario('tc-cmd-info', { 'compose.yaml': two(port) });
    await s.ok(['up', '-d']);
    expect((await s.ok(['port', 'web', '80'])).stdout.trim()).toBe(`127.0.0.1:${port}`);
    expect((await s.ok(['top', 'worker'])).stdout).toContain('sleep 3600');
    expect((await s.ok(['images'])).stdout).toContain('tcompose/busybox');
    const ls = JSON.parse((await s.ok(['ls', '--format', 'json'])).stdout) as Array<{ Name: string; Status: string }>;
    expect(ls.find((p) => p.Name === s.projectName)?.Status).toBe('running(2)');
    expect((await s.ok(['ps', '--services'])).stdout.trim().split('\n').sort()).toEqual(['web', 'worker']);
  });

  it('events --json streams container events; wait returns the exit code', async () => {
    const s = await scenario('tc-cmd-events', { 'compose.yaml': `services:\n  job:\n    image: ${BB}\n    command: ["sh", "-c", "sleep 1; exit 4"]\n` });
    const events = startCli(['-p', s.projectName, 'events', '--json'], { cwd: s.dir });
    await new Promise((r) => setTimeout(r, 500));
    await s.ok(['up', '-d']);
    const code = await s.cli(['wait', 'job']);
    expect(code.code).toBe(4);
    await eventually(() => {
      const lines = events.output().stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'start', 'die']));
      expect(lines[0].service).toBe('job');
    }, 10_000);
    await events.stop();
  });

  it('--progress json prints one object per step with docker compose\'s fields, and nothing else', async () => {
    const s = await scenario('tc-json-progress', { 'compose.yaml': two() });
    const up = await s.ok(['--progress', 'json', 'up', '-d']);
    const events = up.stderr.trim().split('\n').map((line) => JSON.parse(line) as { id: string; text: string; level: string });
    const steps = (id: string) => events.filter((e) => e.id === id).map((e) => e.text);
    expect(steps(`Network ${s.projectName}_default`)).toEqual(['Creating', 'Created']);
    for (const service of ['web', 'worker']) expect(steps(`Container ${s.projectName}-${service}-1`)).toEqual(['Creating', 'Created', 'Starting', 'Started']);
    const down = await s.ok(['--progress', 'json', 'down', '-t', '0']);
    const lines = down.stderr.trim().split('\n').map((line) => JSON.parse(line) as { id: string; text: string; level: string });
    const at = (id: string, text: string) => lines.findIndex((e) => e.id === id && e.text === text);
    const [web, worker, network] = [`Container ${s.projectName}-web-1`, `Container ${s.projectName}-worker-1`, `Network ${s.projectName}_default`];
    for (const id of [web, worker, network]) expect(at(id, 'Removed')).toBeGreaterThan(-1);
    // Reverse order even with -t 0: web is stopped only once worker, which depends on it, is gone.
    expect(at(web, 'Stopping')).toBeGreaterThan(at(worker, 'Removed'));
  });

  it('cp copies files both ways', async () => {
    const s = await scenario('tc-cmd-cp', { 'compose.yaml': two(), 'local.txt': 'from host' });
    await s.ok(['up', '-d']);
    await s.ok(['cp', 'local.txt', 'worker:/tmp/']);
    expect((await s.ok(['exec', '-T', 'worker', 'cat', '/tmp/local.txt'])).stdout).toBe('from host');
    await s.ok(['exec', '-T', 'worker', 'sh', '-c', 'echo from container > /tmp/out.txt']);
    await s.ok(['cp', 'worker:/tmp/out.txt', 'back']);
    expect(await readFile(join(s.dir, 'back', 'out.txt'), 'utf8')).toBe('from container\n');
  });

  it('reports a published port that is already taken, naming who holds it, before creating anything', async () => {
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    try {
      const s = await scenario('tc-cmd-port', { 'compose.yaml': two(port) });
      const r = await s.cli(['up', '-d']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`port 127.0.0.1:${port} is already in use`);
      expect(r.stderr).toMatch(/by process node \(pid \d+\)/);
      expect(await s.containers()).toEqual([]);
    } finally {
      holder.close();
    }
    const first = await scenario('tc-cmd-porta', { 'compose.yaml': two(port) });
    await first.ok(['up', '-d']);
    const second = await scenario('tc-cmd-portb', { 'compose.yaml': two(port) });
    const r2 = await second.cli(['up', '-d']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`already allocated by container ${first.projectName}-web-1 of project ${first.projectName}`);
  });
});
