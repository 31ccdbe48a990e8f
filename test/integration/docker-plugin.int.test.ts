/**
 * Plugin mode: `tcompose plugin install` makes Debian's docker CLI run tcompose for `docker compose …`
 * (a temporary DOCKER_CONFIG, so the real ~/.docker is never touched).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenario } from '../helpers/scenario.js';
import { runCli } from '../helpers/cli.js';
import { dockerCli, tempDockerConfig } from '../helpers/docker-cli.js';

const BB = 'tcompose/busybox:latest';

describe('docker CLI plugin', () => {
  it('docker compose up -d, ps and down run through the installed tcompose', async () => {
    const config = await tempDockerConfig();
    const env = { DOCKER_CONFIG: config };
    const install = await runCli(['plugin', 'install'], { env });
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(config, 'cli-plugins', 'docker-compose'))).toBe(true);
    const s = await scenario('tc-plugin', { 'compose.yaml': `services:\n  app:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n` });

    const version = await dockerCli(['compose', 'version'], env);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout).toMatch(/^tcompose version /);
    const plugins = await dockerCli(['--help'], env);
    expect(plugins.stdout).toMatch(/compose\*\s+Docker Compose \(tcompose\)/);

    const inDir = (args: string[]) => dockerCli(['compose', '-p', s.projectName, ...args], env, undefined, s.dir);
    const up = await inDir(['up', '-d']);
    expect(up.code, up.stderr).toBe(0);
    expect((await s.containers()).map((c) => c.state)).toEqual(['running']);
    const ps = await inDir(['ps']);
    expect(ps.code, ps.stderr).toBe(0);
    expect(ps.stdout).toContain(`${s.projectName}-app-1`);
    // docker's own global flags come before `compose`: the plugin follows them.
    const viaHost = await dockerCli(['-H', process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', 'compose', '-p', s.projectName, 'ps', '--services'], env);
    expect(viaHost.code, viaHost.stderr).toBe(0);
    const down = await inDir(['down', '-t', '0']);
    expect(down.code, down.stderr).toBe(0);
    expect(await s.containers()).toEqual([]);
  });

  it('install keeps a docker-compose plugin it did not write, unless --force', async () => {
    const config = await tempDockerConfig();
    const env = { DOCKER_CONFIG: config };
    await runCli(['plugin', 'install'], { env });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(config, 'cli-plugins', 'docker-compose'), '#!/bin/sh\necho someone else\n');
    const refused = await runCli(['plugin', 'install'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('was not installed by tcompose');
    expect(readFileSync(join(config, 'cli-plugins', 'docker-compose'), 'utf8')).toContain('someone else');
    expect((await runCli(['plugin', 'install', '--force'], { env })).code).toBe(0);
    expect((await runCli(['plugin', 'uninstall'], { env })).code).toBe(0);
    expect(existsSync(join(config, 'cli-plugins', 'docker-compose'))).toBe(false);
  });
});
