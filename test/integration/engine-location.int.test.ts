/**
 * Where the engine is: a docker context made by Debian's docker CLI, pointing at a second socket path, is
 * followed through --context, DOCKER_CONTEXT and `docker context use`; without it tcompose uses the default.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { engineProxy } from '../helpers/engine-proxy.js';
import { dockerCli, tempDockerConfig } from '../helpers/docker-cli.js';

const BB = 'tcompose/busybox:latest';

describe('engine location', () => {
  it('a context pointing at a second socket path reaches the engine; without it tcompose uses the default', async () => {
    const proxy = await engineProxy();
    onTestFinished(() => proxy.stop());
    const config = await tempDockerConfig();
    const made = await dockerCli(['context', 'create', 'second', '--docker', `host=unix://${proxy.socketPath}`], { DOCKER_CONFIG: config });
    expect(made.code, made.stderr).toBe(0);
    const s = await scenario('tc-context', { 'compose.yaml': `services:\n  app:\n    image: ${BB}\n    command: ["sleep", "3600"]\n    init: true\n` });

    // The default: the sandbox's DOCKER_HOST (or /var/run/docker.sock); the context is not used.
    await s.ok(['ps'], { DOCKER_CONFIG: config });
    expect(proxy.connections()).toBe(0);

    // --context wins over DOCKER_HOST, as for the docker CLI.
    const up = await s.ok(['--context', 'second', '--verbose', 'up', '-d'], { DOCKER_CONFIG: config });
    expect(up.stderr).toContain(`engine unix://${proxy.socketPath} (context "second", chosen by --context)`);
    expect(proxy.connections()).toBeGreaterThan(0);
    expect((await s.containers()).map((c) => c.state)).toEqual(['running']);

    // DOCKER_CONTEXT and currentContext apply when DOCKER_HOST is not set.
    const before = proxy.connections();
    const ps = await s.ok(['ps', '--services'], { DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: 'second' });
    expect(ps.stdout.trim()).toBe('app');
    expect(proxy.connections()).toBeGreaterThan(before);
    expect((await dockerCli(['context', 'use', 'second'], { DOCKER_CONFIG: config, DOCKER_HOST: '' })).code).toBe(0);
    const version = await s.ok(['version'], { DOCKER_CONFIG: config, DOCKER_HOST: '' });
    expect(version.stdout).toMatch(new RegExp(`Engine: \\d+\\.\\d+.* \\(API 1\\.\\d+\\), engine unix://${proxy.socketPath} \\(context "second", chosen by currentContext in `));
    await s.ok(['down', '-t', '0'], { DOCKER_CONFIG: config, DOCKER_HOST: '' });
    expect(await s.containers()).toEqual([]);
  });

  it('a context that does not exist, or --host with --context, is refused before anything is created', async () => {
    const config = await tempDockerConfig({ currentContext: 'gone' });
    const s = await scenario('tc-nocontext', { 'compose.yaml': `services:\n  app:\n    image: ${BB}\n` });
    const missing = await s.cli(['up', '-d'], { DOCKER_CONFIG: config, DOCKER_HOST: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('context "gone" does not exist');
    expect(missing.stderr).not.toMatch(/^\s+at /m);
    const both = await s.cli(['-H', 'unix:///nowhere.sock', '--context', 'x', 'up', '-d'], { DOCKER_CONFIG: config });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('either specify --host or --context, not both');
    expect(await s.containers()).toEqual([]);
  });
});
