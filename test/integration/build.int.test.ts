/** Builds: the context honours .dockerignore; dockerfile_inline, args and target reach the engine; tag <project>-<service>. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { engine } from '../helpers/engine.js';

describe('build', () => {
  it('sends the context without what .dockerignore excludes, and tags the image <project>-<service>', async () => {
    const s = await scenario('tc-build', {
      'compose.yaml': `services:\n  app:\n    build:\n      context: ./ctx\n      args: { GREETING: hello }\n      target: final\n      labels: { built.by: tcompose }\n    command: ["sh", "-c", "ls -a /ctx; cat /greeting"]\n`,
      'ctx/Dockerfile': 'FROM tcompose/busybox:latest AS base\nARG GREETING\nRUN echo "$GREETING" > /greeting\nFROM base AS final\nCOPY . /ctx\n',
      'ctx/.dockerignore': 'secret.txt\nlogs/\n*.tmp\n!keep.tmp\n',
      'ctx/app.txt': 'app',
      'ctx/secret.txt': 'do not send',
      'ctx/logs/a.log': 'log',
      'ctx/junk.tmp': 'junk',
      'ctx/keep.tmp': 'keep',
    });
    onTestFinished(async () => { await engine.removeImage(`${s.projectName}-app`, { force: true }).catch(() => undefined); });
    const r = await s.ok(['up']);
    const files = r.stdout.split('\n').map((l) => l.replace(/^app-1 +\| /, '').trim());
    expect(files).toEqual(expect.arrayContaining(['app.txt', 'keep.tmp', 'Dockerfile', 'hello']));
    expect(files).not.toContain('secret.txt');
    expect(files).not.toContain('logs');
    expect(files).not.toContain('junk.tmp');
    const image = await engine.inspectImage(`${s.projectName}-app`);
    expect((image.config as { Labels?: Record<string, string> }).Labels).toMatchObject({ 'built.by': 'tcompose', 'com.docker.compose.project': s.projectName });
  });

  it('builds from dockerfile_inline', async () => {
    const s = await scenario('tc-inline', {
      'compose.yaml': `services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM tcompose/busybox:latest\n        RUN echo inline > /made\n    command: ["cat", "/made"]\n`,
    });
    onTestFinished(async () => { await engine.removeImage(`${s.projectName}-app`, { force: true }).catch(() => undefined); });
    const r = await s.ok(['up']);
    expect(r.stdout).toMatch(/app-1 +\| inline/);
  });

  it('passes network, extra_hosts and shm_size to the build (shm_size: the classic builder; the engine\'s BuildKit 0.8 ignores it)', async () => {
    const s = await scenario('tc-buildopts', {
      'compose.yaml': `services:
  app:
    build:
      context: .
      network: none
      extra_hosts: ["build-host:10.9.8.7"]
      shm_size: 96m
      dockerfile_inline: |
        FROM tcompose/busybox:latest
        RUN ls /sys/class/net > /nets
        RUN grep build-host /etc/hosts > /hosts
        RUN df -k /dev/shm | tail -1 > /shm
    command: ["sh", "-c", "echo nets: $$(cat /nets); cat /hosts; cat /shm"]
`,
    });
    onTestFinished(async () => { await engine.removeImage(`${s.projectName}-app`, { force: true }).catch(() => undefined); });
    for (const builder of ['1', '0']) {
      const out = (await s.ok(['up', '--build'], { DOCKER_BUILDKIT: builder })).stdout;
      expect(out).toMatch(/nets: lo\s*$/m); // network: none leaves only the loopback interface
      expect(out).toMatch(/10\.9\.8\.7\s+build-host/);
      if (builder === '0') expect(out).toMatch(/shm\s+98304\s/); // 96m in 1K blocks
      await s.ok(['down']);
    }
  });
});
