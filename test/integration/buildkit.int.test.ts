/**
 * Builds through the engine's BuildKit: a cache mount that persists between builds, a build secret that the
 * step can read and the image does not keep, an ssh agent made from a key file; the classic builder
 * (DOCKER_BUILDKIT=0) refuses what it cannot do.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { execFileSync, execSync } from 'node:child_process';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { scenario } from '../helpers/scenario.js';
import { engine } from '../helpers/engine.js';

const SECRET = 'tc-build-secret-7f3a91';
// The Dockerfile checks the secret by its digest: its own text is part of the progress output.
const SECRET_SHA = createHash('sha256').update(`${SECRET}\n`).digest('hex');

describe('BuildKit builds', () => {
  it('a Dockerfile with a cache mount and a build secret builds; the cache persists and the secret is not in the image', async () => {
    const s = await scenario('tc-buildkit', {
      'compose.yaml': `services:\n  app:\n    image: tc-buildkit-\${SUFFIX}:1\n    build:\n      context: ./app\n      secrets:\n        - token\n        - source: fromenv\n          target: envtoken\n    command: ["sh", "-c", "cat /runs-seen /secret-seen; cat /run/secrets/token /run/secrets/envtoken 2>&1; true"]\nsecrets:\n  token:\n    file: ./token.txt\n  fromenv:\n    environment: TC_BUILD_SECRET\n`,
      'token.txt': `${SECRET}\n`,
      'app/Dockerfile': [
        'FROM tcompose/busybox:latest',
        'ARG RUN_ID',
        'RUN --mount=type=cache,target=/cache sh -c \'echo "run $RUN_ID" >> /cache/runs; cp /cache/runs /runs-seen\'',
        `RUN --mount=type=secret,id=token --mount=type=secret,id=envtoken sh -c 'test "$(sha256sum < /run/secrets/token | cut -d" " -f1)" = ${SECRET_SHA} && test "$(cat /run/secrets/envtoken)" = from-env && echo secret-ok > /secret-seen'`,
        '',
      ].join('\n'),
    });
    const image = `tc-buildkit-${s.projectName}:1`;
    onTestFinished(async () => { await engine.removeImage(image, { force: true }).catch(() => undefined); });
    const env = { SUFFIX: s.projectName, TC_BUILD_SECRET: 'from-env' };
    const first = await s.ok(['--progress', 'plain', 'build', '--build-arg', `RUN_ID=first-${s.projectName}`], env);
    // Per-step progress, BuildKit style.
    expect(first.stderr).toMatch(/app {2}\| #\d+ \[stage-0 2\/3\] RUN --mount=type=cache/);
    expect(first.stderr).toMatch(/app {2}\| #\d+ DONE \d+\.\ds/);
    expect(first.stderr).not.toContain(SECRET);
    // A new build argument reruns the step; the cache mount keeps what the first run left.
    await s.ok(['build', '--build-arg', `RUN_ID=second-${s.projectName}`], env);
    const up = await s.ok(['up'], env);
    expect(up.stdout).toContain(`run first-${s.projectName}`);
    expect(up.stdout).toContain(`run second-${s.projectName}`);
    expect(up.stdout).toMatch(/app-1 +\| secret-ok/);
    expect(up.stdout).toMatch(/app-1 +\| cat: can't open '\/run\/secrets\/token': No such file or directory/);
    // No layer of the image holds the secret (layers are plain tars: file contents appear as they are).
    const saved = execSync(`docker save ${image} | tar -xO --wildcards '*/layer.tar'`, { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
    expect(saved).toContain('secret-ok');
    expect(saved).not.toContain(SECRET);
  });

  it('build.ssh with a key file gives the step an ssh agent; the classic builder refuses secrets', async () => {
    const s = await scenario('tc-buildkit-ssh', {
      'compose.yaml': 'services:\n  app:\n    build:\n      context: ./app\n      ssh:\n        - deploy=./deploy_key\n',
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN --mount=type=ssh,id=deploy sh -c \'test -S "$SSH_AUTH_SOCK" && echo agent-ok > /agent\'\n',
      'secret.yaml': 'services:\n  app:\n    build:\n      context: ./app\n      secrets: [token]\nsecrets:\n  token:\n    file: ./deploy_key\n',
    });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(s.dir, 'deploy_key')]);
    await s.ok(['build']);
    expect(await engine.imageId(`${s.projectName}-app`)).toBeDefined();
    const refused = await s.cli(['-f', 'secret.yaml', 'build'], { DOCKER_BUILDKIT: '0' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('service "app" failed to build: the classic builder doesn\'t support secrets or SSH keys');
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  });

  it('build flags: --with-dependencies builds what the service depends on, -q prints nothing, --print builds nothing, --builder is refused', async () => {
    const s = await scenario('tc-build-flags', {
      'compose.yaml': 'services:\n  web:\n    build: ./web\n    depends_on: [lib]\n  lib:\n    build: ./lib\n  other:\n    build: ./lib\n',
      'web/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo web > /who\n',
      'lib/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo lib > /who\n',
    });
    const printed = await s.ok(['build', '--print', 'web']);
    expect(JSON.parse(printed.stdout).target.web.tags).toEqual([`${s.projectName}-web`]);
    expect(await engine.imageId(`${s.projectName}-web`)).toBeUndefined();
    const quiet = await s.ok(['--progress', 'plain', 'build', '-q', '--with-dependencies', 'web']);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).not.toMatch(/#\d+ /);
    expect(await engine.imageId(`${s.projectName}-web`)).toBeDefined();
    expect(await engine.imageId(`${s.projectName}-lib`)).toBeDefined();
    expect(await engine.imageId(`${s.projectName}-other`)).toBeUndefined();
    const builder = await s.cli(['build', '--builder', 'mybuilder']);
    expect(builder.code).toBe(1);
    expect(builder.stderr).toContain('--builder selects a buildx builder');
  });

  it('a cache_to the engine cannot export is refused before anything is built, naming the entry', async () => {
    const s = await scenario('tc-cacheto', {
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN true\n',
      'compose.yaml': 'services:\n  app:\n    build:\n      context: ./app\n      cache_to: ["type=local,dest=./cache"]\n',
    });
    const r = await s.cli(['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cache_to "type=local,dest=./cache" is not supported by the engine\'s builder');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toContain('#1 ');
  });
});
