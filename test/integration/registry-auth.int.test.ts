/**
 * A private registry (htpasswd auth): credentials from `docker login` (config.json `auths`) and from a
 * docker-credential-* helper reach pull, push and build; without them the registry refuses.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenario } from '../helpers/scenario.js';
import { startRegistry } from '../helpers/registry.js';
import { engine } from '../helpers/engine.js';
import { dockerCli, tempDockerConfig } from '../helpers/docker-cli.js';

const auth = { user: 'tcuser', password: 'tc-secret-pw' };

/** A credential helper script on PATH: answers `get` for the registry, records each call. */
async function credentialHelper(name: string, registry: string): Promise<{ path: string; calls: () => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tc-cred-helper-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const log = join(dir, 'calls.log');
  await writeFile(join(dir, `docker-credential-${name}`), `#!/bin/sh
read -r server
echo "$1 $server" >> ${log}
case "$1" in
  get) if [ "$server" = "${registry}" ]; then echo '{"ServerURL":"${registry}","Username":"${auth.user}","Secret":"${auth.password}"}'; else echo "credentials not found in native keychain"; exit 1; fi;;
  list) echo '{"${registry}":"${auth.user}"}';;
  *) exit 1;;
esac
`);
  await chmod(join(dir, `docker-credential-${name}`), 0o755);
  return { path: dir, calls: () => readFile(log, 'utf8').catch(() => '') };
}

describe('registry credentials', () => {
  it('docker login credentials reach push, pull and a build FROM the private registry; without them the registry refuses', async () => {
    const registry = await startRegistry({ auth });
    onTestFinished(() => registry.stop());
    const image = `${registry.address}/tcompose/private:1`;
    const derived = `${registry.address}/tcompose/derived:1`;
    onTestFinished(async () => { for (const i of [image, derived]) await engine.removeImage(i, { force: true }).catch(() => undefined); });
    const config = await tempDockerConfig();
    const login = await dockerCli(['login', registry.address, '-u', auth.user, '--password-stdin'], { DOCKER_CONFIG: config }, auth.password);
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(config, 'config.json'), 'utf8')).auths[registry.address].auth).toBeTruthy();

    const s = await scenario('tc-regauth', {
      'compose.yaml': `services:\n  app:\n    image: ${image}\n    build: ./app\n    command: ["cat", "/marker"]\n`,
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo private > /marker\n',
      'derived.yaml': `services:\n  derived:\n    image: ${derived}\n    build: ./derived\n    command: ["cat", "/marker"]\n`,
      'derived/Dockerfile': `FROM ${image}\nRUN echo derived >> /marker\n`,
      'run.yaml': `services:\n  app:\n    image: ${image}\n    command: ["cat", "/marker"]\n`,
    });
    const withLogin = { DOCKER_CONFIG: config };
    const anonymous = { DOCKER_CONFIG: await tempDockerConfig() };
    await s.ok(['build'], withLogin);
    const refusedPush = await s.cli(['push'], anonymous);
    expect(refusedPush.code).toBe(1);
    expect(refusedPush.stderr).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
    await s.ok(['push'], withLogin);

    await engine.removeImage(image, { force: true });
    const refusedPull = await s.cli(['-f', 'run.yaml', 'pull'], anonymous);
    expect(refusedPull.code).toBe(1);
    expect(refusedPull.stderr).toContain(`registry ${registry.address}`);
    await s.ok(['-f', 'run.yaml', 'pull'], withLogin);
    expect(await engine.imageId(image)).toBeDefined();

    // The legacy builder pulls the base from the registry itself, with X-Registry-Config.
    await engine.removeImage(image, { force: true });
    await s.ok(['-f', 'derived.yaml', 'build'], withLogin);
    const up = await s.ok(['-f', 'derived.yaml', 'up'], withLogin);
    expect(up.stdout).toMatch(/derived-1 +\| private/);
    expect(up.stdout).toMatch(/derived-1 +\| derived/);
  });

  it('a credential helper named by credsStore answers for the registry', async () => {
    const registry = await startRegistry({ auth });
    onTestFinished(() => registry.stop());
    const image = `${registry.address}/tcompose/helper:1`;
    onTestFinished(async () => { await engine.removeImage(image, { force: true }).catch(() => undefined); });
    const helper = await credentialHelper('tctest', registry.address);
    const env = { DOCKER_CONFIG: await tempDockerConfig({ credsStore: 'tctest' }), PATH: `${helper.path}:${process.env.PATH}` };
    const s = await scenario('tc-credhelper', {
      'compose.yaml': `services:\n  app:\n    image: ${image}\n    build: ./app\n    command: ["cat", "/marker"]\n`,
      'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN echo helper > /marker\n',
    });
    await s.ok(['build'], env);
    await s.ok(['push'], env);
    await engine.removeImage(image, { force: true });
    await s.ok(['pull'], env);
    expect(await engine.imageId(image)).toBeDefined();
    expect(await helper.calls()).toContain(`get ${registry.address}`);
  });
});
