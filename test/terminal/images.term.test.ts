/** Pull and build progress in a terminal: the image row, its layers folded into it, a complete last frame. */
import { describe, it, expect, onTestFinished } from 'vitest';
import { scenario, type Scenario } from '../helpers/scenario.js';
import { startRegistry } from '../helpers/registry.js';
import { engine } from '../helpers/engine.js';
import { runCli } from '../helpers/cli.js';
import { runInTerminal, repeatedResources, maskTimers } from './terminal.js';

/**
 * A registry on 127.0.0.1 holding an image with a layer of its own (3 MB of random bytes over busybox), and no
 * local copy of that layer: the pull has a layer to download.
 */
async function registryImage(): Promise<{ image: string; address: string }> {
  const registry = await startRegistry();
  onTestFinished(() => registry.stop());
  const image = `${registry.address}/tcompose/tty-pull:1`;
  onTestFinished(async () => { await engine.removeImage(image, { force: true }).catch(() => undefined); });
  const builder = await scenario('tcty', {
    'compose.yaml': `services:\n  app:\n    image: ${image}\n    build: ./app\n`,
    'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN head -c 3000000 /dev/urandom > /blob\n',
  });
  // The classic builder: BuildKit would keep the layer in its cache, and the pull would find it already there.
  for (const args of [['build'], ['push']]) {
    const r = await runCli(['-p', builder.projectName, ...args], { cwd: builder.dir, env: { DOCKER_BUILDKIT: '0' } });
    if (r.code !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  }
  await engine.removeImage(image, { force: true });
  return { image, address: registry.address };
}

/** The compressed size of the image's last layer, as the registry has it (random bytes gzip to a size that varies). */
async function lastLayerSize(address: string, repository: string, tag: string): Promise<number> {
  const res = await fetch(`http://${address}/v2/${repository}/manifests/${tag}`, { headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  const manifest = await res.json() as { layers: Array<{ size: number }> };
  return manifest.layers.at(-1)!.size;
}

function masked(lines: string[], s: Scenario, address?: string): string[] {
  return maskTimers(lines.map((l) => {
    const named = l.replaceAll(s.projectName, 'tcty-PROJECT!');
    return address ? named.replaceAll(address, '127.0.0.1:PORT!'.padEnd(address.length, '!')) : named;
  }));
}

describe('image progress in a terminal', () => {
  it('pull: one row for the image (its layers are counted, not listed), Pulled at the end', async () => {
    const { image, address } = await registryImage();
    const s = await scenario('tcty', { 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
    const t = runInTerminal(['-p', s.projectName, 'pull'], { cols: 80, rows: 24, cwd: s.dir });
    expect(await t.exited).toBe(0);
    for (const frame of t.frames) expect(repeatedResources(frame)).toEqual([]);
    const masked80 = masked(t.lines(), s, address);
    expect(masked80).toEqual([
      '[+] pull 3/3',
      ` ✔ Image ${'127.0.0.1:PORT!'.padEnd(address.length, '!')}/tcompose/tty-pull:1 Pulled`.padEnd(76) + '0.0s',
    ]);
    expect(await engine.imageId(image)).toBeDefined();
  });

  it('pull --progress json: each layer reports under its image, with byte counts, and ends done', async () => {
    const { image, address } = await registryImage();
    const ownLayerSize = await lastLayerSize(address, 'tcompose/tty-pull', '1');
    const s = await scenario('tcty', { 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
    const r = await runCli(['-p', s.projectName, '--progress', 'json', 'pull'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { id: string; parent_id?: string; status: string; text: string; current?: number; total?: number });
    const layers = events.filter((e) => e.parent_id);
    expect(layers.length).toBeGreaterThan(0);
    expect(new Set(layers.map((e) => e.parent_id))).toEqual(new Set([`Image ${image}`]));
    const layerIds = [...new Set(layers.map((e) => e.id))];
    // busybox's layer is already here; the image's own layer is downloaded, with its size.
    expect(layerIds).toHaveLength(2);
    expect(layerIds.map((id) => layers.filter((e) => e.id === id).at(-1)!.text).sort()).toEqual(['Already exists', 'Pull complete']);
    for (const id of layerIds) expect(layers.filter((e) => e.id === id).at(-1)!.status).toBe('Done');
    expect(layers.some((e) => e.text === 'Downloading' && e.total === ownLayerSize && e.current! > 0)).toBe(true);
    expect(events.at(-1)).toEqual({ id: `Image ${image}`, status: 'Done', text: 'Pulled' });
  });

  it('build: one row per image, Built at the end', async () => {
    const s = await scenario('tcty', {
      'compose.yaml': 'services:\n  app:\n    build: ./app\n',
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo built > /marker\n',
    });
    onTestFinished(async () => { await engine.removeImage(`${s.projectName}-app`, { force: true }).catch(() => undefined); });
    const t = runInTerminal(['-p', s.projectName, 'build'], { cols: 80, rows: 24, cwd: s.dir });
    expect(await t.exited).toBe(0);
    for (const frame of t.frames) expect(repeatedResources(frame)).toEqual([]);
    expect(masked(t.lines(), s)).toEqual([
      '[+] build 1/1',
      ' ✔ Image tcty-PROJECT!-app Built'.padEnd(76) + '0.0s',
    ]);
  });
});
