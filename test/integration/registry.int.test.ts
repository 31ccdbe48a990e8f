/** Registries for real: build, push to a registry on 127.0.0.1, remove locally, pull back through `up`. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { startRegistry } from '../helpers/registry.js';
import { engine, projectContainers, projectNetworks } from '../helpers/engine.js';

describe('registry', () => {
  it('push, remove locally, then up pulls the image back', async () => {
    const registry = await startRegistry();
    onTestFinished(() => registry.stop());
    const image = `${registry.address}/tcompose/pushed:1`;
    onTestFinished(async () => { await engine.removeImage(image, { force: true }).catch(() => undefined); });
    const s = await scenario('tc-registry', {
      'compose.yaml': `services:\n  app:\n    image: ${image}\n    build: ./app\n    command: ["cat", "/marker"]\n`,
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo pushed > /marker\n',
      'run.yaml': `services:\n  app:\n    image: ${image}\n    command: ["cat", "/marker"]\n`,
    });
    await s.ok(['build']);
    await s.ok(['push']);
    await engine.removeImage(image, { force: true });
    expect(await engine.imageId(image)).toBeUndefined();
    await s.ok(['-f', 'run.yaml', 'pull']);
    expect(await engine.imageId(image)).toBeDefined();
    await engine.removeImage(image, { force: true });
    const up = await s.ok(['-f', 'run.yaml', 'up']);
    expect(up.stdout).toMatch(/app-1 +\| pushed/);
  });

  it('with no registry reachable, the error names the service, the image and the registry', async () => {
    const s = await scenario('tc-noregistry', { 'compose.yaml': 'services:\n  app:\n    image: 127.0.0.1:9/tcompose/nowhere:1\n' });
    const r = await s.cli(['pull']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('service "app"');
    expect(r.stderr).toContain('127.0.0.1:9/tcompose/nowhere:1');
    expect(r.stderr).toContain('registry 127.0.0.1:9');
  });

  it('pull_policy: always replaces a local image of that tag, never refuses an absent one before creating anything', async () => {
    const registry = await startRegistry();
    onTestFinished(() => registry.stop());
    const repo = `${registry.address}/tcompose/policy`;
    const image = `${repo}:1`;
    onTestFinished(async () => { await engine.removeImage(image, { force: true }).catch(() => undefined); });
    const s = await scenario('tc-pull-policy', {
      'compose.yaml': `services:\n  app:\n    image: ${image}\n    build: ./app\n    command: ["cat", "/marker"]\n`,
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo from-registry > /marker\n',
      'always.yaml': `services:\n  app:\n    image: ${image}\n    pull_policy: always\n    command: ["cat", "/marker"]\n`,
      'never.yaml': `services:\n  ok:\n    image: tcompose/busybox:latest\n    command: ["true"]\n  app:\n    image: ${image}\n    pull_policy: never\n`,
    });
    await s.ok(['build']);
    await s.ok(['push']);
    const pushed = await engine.imageId(image);
    // A different local image under the same tag: `always` must fetch the registry's one.
    await engine.removeImage(image, { force: true });
    await engine.tagImage('tcompose/busybox:latest', repo, '1');
    expect(await engine.imageId(image)).not.toBe(pushed);
    const up = await s.ok(['-f', 'always.yaml', 'up']);
    expect(up.stdout).toMatch(/app-1 +\| from-registry/);
    expect(await engine.imageId(image)).toBe(pushed);
    await s.ok(['-f', 'always.yaml', 'down']);

    await engine.removeImage(image, { force: true });
    const refused = await s.cli(['-f', 'never.yaml', 'up', '-d']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`service "app": image ${image} is not present locally, and pull_policy "never" forbids pulling it`);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(await projectContainers(s.projectName)).toEqual([]);
    expect(await projectNetworks(s.projectName)).toEqual([]);
    // The pull command leaves a never service alone.
    await s.ok(['-f', 'never.yaml', 'pull', 'app']);
    expect(await engine.imageId(image)).toBeUndefined();
  });

  it('a refresh window pulls again only once the local image is older than it', async () => {
    // The registry named here does not exist: a pull fails, naming it, so the output shows whether up pulled.
    const repo = `127.0.0.1:9/tcompose/refresh-${process.pid}`;
    const image = `${repo}:1`;
    await engine.tagImage('tcompose/busybox:latest', repo, '1');
    onTestFinished(async () => { await engine.removeImage(image).catch(() => undefined); });
    const s = await scenario('tc-refresh', {
      'daily.yaml': `services:\n  app:\n    image: ${image}\n    pull_policy: daily\n    command: ["true"]\n`,
      'every.yaml': `services:\n  app:\n    image: ${image}\n    pull_policy: every_1s\n    command: ["true"]\n`,
    });
    await s.ok(['-f', 'daily.yaml', 'up', '-d']);
    await s.ok(['-f', 'daily.yaml', 'down']);
    await new Promise((r) => setTimeout(r, 1_100));
    const due = await s.cli(['-f', 'every.yaml', 'up', '-d']);
    expect(due.code).toBe(1);
    expect(due.stderr).toContain('registry 127.0.0.1:9');
    expect(await projectContainers(s.projectName)).toEqual([]);
  });
});
