/** The walking skeleton: up -d / ps / logs / a no-op second up / down, against the real engine. */
import { describe, expect, it } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/ports.js';
import { engine, projectContainers, projectNetworks } from '../helpers/engine.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.js';

async function helloScenario() {
  const compose = await readFile(join(repoRoot, 'fixtures/hello/compose.yaml'), 'utf8');
  const s = await scenario('tc-skel', { 'compose.yaml': compose });
  const port = await freePort();
  return { s, port, env: { HELLO_PORT: String(port) } };
}

describe('walking skeleton', () => {
  it('up -d serves the page on the published port, and names and labels match docker compose', async () => {
    const { s, port, env } = await helloScenario();
    await s.ok(['up', '-d'], env);
    const body = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      return res.text();
    }, 20_000);
    expect(body).toContain('hello from tcompose');

    const containers = await s.containers();
    expect(containers.map((c) => c.names[0]).sort()).toEqual([`${s.projectName}-pinger-1`, `${s.projectName}-web-1`]);
    const web = containers.find((c) => c.names[0] === `${s.projectName}-web-1`)!;
    expect(web.labels).toMatchObject({
      'com.docker.compose.project': s.projectName,
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.working_dir': s.dir,
      'com.docker.compose.project.config_files': join(s.dir, 'compose.yaml'),
    });
    expect(web.labels['com.docker.compose.config-hash']).toMatch(/^[0-9a-f]{64}$/);
    const networks = await projectNetworks(s.projectName);
    expect(networks.map((n) => n.name)).toEqual([`${s.projectName}_default`]);
  });

  it('pinger starts only after web is healthy, and logs show both services with prefixes', async () => {
    const { s, env } = await helloScenario();
    await s.ok(['up', '-d'], env);
    const [web, pinger] = await Promise.all(['web', 'pinger'].map(async (svc) => {
      const c = (await s.containers()).find((x) => x.labels['com.docker.compose.service'] === svc)!;
      return engine.inspectContainer(c.id);
    }));
    // web's first probe runs one interval (1s) after it starts, so a pinger started before web was healthy
    // would have started well within that second.
    expect(web!.State.Health?.Status).toBe('healthy');
    expect(Date.parse(pinger!.State.StartedAt) - Date.parse(web!.State.StartedAt)).toBeGreaterThanOrEqual(1000);

    const logs = await eventually(async () => {
      const r = await s.ok(['logs']);
      expect(r.stdout).toMatch(/^pinger-1 +\| hello from tcompose$/m);
      expect(r.stdout).toMatch(/^web-1 +\| /m);
      return r.stdout;
    }, 20_000);
    expect(logs).not.toContain(s.projectName + '-');

    const tail = await s.ok(['logs', '--tail', '1', 'pinger']);
    expect(tail.stdout.trim().split('\n')).toHaveLength(1);
    const noPrefix = await s.ok(['logs', '--no-log-prefix', 'pinger']);
    expect(noPrefix.stdout).toMatch(/^hello from tcompose$/m);
  });

  it('ps lists the running containers, as a table and as JSON', async () => {
    const { s, port, env } = await helloScenario();
    await s.ok(['up', '-d'], env);
    const json = await s.ok(['ps', '--format', 'json']);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.Service).sort()).toEqual(['pinger', 'web']);
    const web = rows.find((r) => r.Service === 'web');
    expect(web.State).toBe('running');
    expect(web.Publishers).toContainEqual({ URL: '127.0.0.1', TargetPort: 8080, PublishedPort: port, Protocol: 'tcp' });
    const table = await s.ok(['ps']);
    expect(table.stdout).toMatch(/^NAME +IMAGE +SERVICE/);
    expect(table.stdout).toContain(`${s.projectName}-web-1`);
  });

  it('a second up -d with nothing changed keeps every container (same ID, same start time)', async () => {
    const { s, env } = await helloScenario();
    await s.ok(['up', '-d'], env);
    const before = await Promise.all((await s.containers()).map((c) => engine.inspectContainer(c.id)));
    const second = await s.ok(['up', '-d'], env);
    const after = await Promise.all((await s.containers()).map((c) => engine.inspectContainer(c.id)));
    expect(after.map((c) => [c.Id, c.State.StartedAt]).sort()).toEqual(before.map((c) => [c.Id, c.State.StartedAt]).sort());
    expect(second.stderr).not.toMatch(/Created|Started|Recreated/);
  });

  it('down removes the containers and the network', async () => {
    const { s, env } = await helloScenario();
    await s.ok(['up', '-d'], env);
    expect(await s.containers()).toHaveLength(2);
    await s.ok(['down', '-t', '0']);
    expect(await projectContainers(s.projectName)).toEqual([]);
    expect(await projectNetworks(s.projectName)).toEqual([]);
  });

  it('down works with only -p NAME and no compose file', async () => {
    const { s, env } = await helloScenario();
    await s.ok(['up', '-d'], env);
    const { runCli } = await import('../helpers/cli.js');
    const r = await runCli(['-p', s.projectName, 'down', '-t', '0'], { cwd: '/' });
    expect(r.code, r.stderr).toBe(0);
    expect(await projectContainers(s.projectName)).toEqual([]);
    expect(await projectNetworks(s.projectName)).toEqual([]);
  });
});
