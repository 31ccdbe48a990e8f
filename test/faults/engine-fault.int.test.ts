/** The engine stops in the middle of a large up: the CLI fails clearly within seconds, and up converges later. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { startCli, runCli } from '../helpers/cli.js';
import { privateEngine } from '../helpers/private-engine.js';
import { eventually } from '../helpers/eventually.js';
import { execSync } from 'node:child_process';

const BB = 'tcompose/busybox:latest';
const sleepers = (n: number) => 'services:\n' + Array.from({ length: n }, (_, i) => `  s${i}:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n`).join('');

describe('engine faults', () => {
  it('engine stopped during up -d of 100 services: clear failure within seconds, then up converges once it is back', { timeout: 300_000 }, async () => {
    const engine = await privateEngine();
    onTestFinished(() => engine.destroy());
    const s = await scenario('tc-fault', { 'compose.yaml': sleepers(100) });
    const env = { DOCKER_HOST: engine.dockerHost, TCOMPOSE_NO_DNS: '1' };
    const count = () => Number(execSync(`DOCKER_HOST=${engine.dockerHost} docker ps -aq --filter label=com.docker.compose.project=${s.projectName} | wc -l`).toString().trim());

    const up = startCli(['-p', s.projectName, '--progress', 'plain', 'up', '-d'], { cwd: s.dir, env });
    await eventually(() => { if (count() === 0) throw new Error('nothing created yet'); }, 60_000, 20);
    const stoppedAt = Date.now();
    await engine.stop();
    const code = await up.exited;
    expect(code).toBe(1);
    // "within seconds" of the engine being gone (stopping the engine itself takes some of this time).
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);
    expect(up.output().stderr).toMatch(/cannot reach the Docker engine|engine/i);
    expect(up.output().stderr).not.toMatch(/^\s+at /m);

    await engine.start();
    const again = await runCli(['-p', s.projectName, 'up', '-d'], { cwd: s.dir, env });
    expect(again.code, again.stderr.trim().split('\n').slice(-3).join('\n')).toBe(0);
    const running = Number(execSync(`DOCKER_HOST=${engine.dockerHost} docker ps -q --filter label=com.docker.compose.project=${s.projectName} | wc -l`).toString().trim());
    expect(running).toBe(100);
    const down = await runCli(['-p', s.projectName, 'down', '-t', '0'], { cwd: s.dir, env });
    expect(down.code, down.stderr).toBe(0);
    expect(count()).toBe(0);
  });
});
