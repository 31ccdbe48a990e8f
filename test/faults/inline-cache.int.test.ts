/**
 * cache_to type=inline: the engine's BuildKit writes the cache metadata into the image, so another build can
 * reuse its layers through cache_from after the build cache is gone. Pruning the build cache would disturb the
 * shared engine's other builds, so this runs on a private engine, in the serial group.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { execSync } from 'node:child_process';
import { scenario } from '../helpers/scenario.js';
import { runCli } from '../helpers/cli.js';
import { privateEngine } from '../helpers/private-engine.js';

const dockerfile = 'FROM tcompose/busybox:latest\nRUN echo "layer $(cat /proc/sys/kernel/random/uuid)" > /layer\n';
const compose = (cacheTo: string) => `services:\n  first:\n    image: tc-inline-first:1\n    build:\n      context: ./app\n${cacheTo}  second:\n    image: tc-inline-second:1\n    build:\n      context: ./app\n      cache_from: ["tc-inline-first:1"]\n`;

describe('cache_to type=inline', () => {
  it('an image built with cache_to type=inline serves as cache_from after the build cache is pruned; without it the step runs again', async () => {
    const engine = await privateEngine();
    onTestFinished(() => engine.destroy());
    const s = await scenario('tc-inline', {
      'app/Dockerfile': dockerfile,
      'inline.yaml': compose('      cache_to: ["type=inline"]\n'),
      'plain.yaml': compose(''),
    });
    const docker = (cmd: string) => execSync(`DOCKER_HOST=${engine.dockerHost} docker ${cmd}`, { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
    const build = async (file: string, service: string) => {
      const r = await runCli(['-p', s.projectName, '-f', file, '--progress', 'plain', 'build', service], { cwd: s.dir, env: { DOCKER_HOST: engine.dockerHost, TCOMPOSE_NO_DNS: '1' } });
      expect(r.code, r.stderr).toBe(0);
      return r.stderr;
    };
    const layer = (image: string) => docker(`run --rm ${image} cat /layer`);

    for (const [file, reused] of [['plain.yaml', false], ['inline.yaml', true]] as const) {
      await build(file, 'first');
      docker('builder prune -af');
      const second = await build(file, 'second');
      expect(second, second).toMatch(reused ? /second +\| #\d+ CACHED/ : /second +\| #\d+ \[2\/2\] RUN echo/);
      expect(layer('tc-inline-second:1') === layer('tc-inline-first:1')).toBe(reused);
      docker('rmi -f tc-inline-first:1 tc-inline-second:1');
      docker('builder prune -af');
    }
  });
});
