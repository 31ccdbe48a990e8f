/** Registries for real: build, push to a registry on 127.0.0.1, remove locally, pull back through `up`. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { startRegistry } from '../helpers/registry.js';
import { engine } from '../helpers/engine.js';

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
});
