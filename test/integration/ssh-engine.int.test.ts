/** DOCKER_HOST=ssh://…: the engine reached through Debian's sshd on 127.0.0.1, as the docker CLI reaches it. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { startSshd } from '../helpers/sshd.js';

const BB = 'tcompose/busybox:latest';

describe('ssh engine', () => {
  it('DOCKER_HOST=ssh://user@127.0.0.1:port brings a project up, lists it, streams its logs and takes it down', async () => {
    const sshd = await startSshd();
    onTestFinished(() => sshd.stop());
    const s = await scenario('tc-ssh', {
      'compose.yaml': `services:\n  web:\n    image: ${BB}\n    init: true\n    command: ["sh", "-c", "echo over-ssh; sleep 3600"]\n  worker:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n    depends_on: [web]\n`,
    });
    // The embedded DNS daemon serves engines on this host's sockets only: over ssh, names are engine aliases.
    const env = { DOCKER_HOST: `ssh://${sshd.user}@127.0.0.1:${sshd.port}`, PATH: sshd.pathWithSsh };
    const up = await s.ok(['--verbose', 'up', '-d', '--wait'], env);
    expect(up.stderr).toContain(`engine ssh://${sshd.user}@127.0.0.1:${sshd.port} (context "default", chosen by DOCKER_HOST)`);
    expect((await s.containers()).map((c) => c.state).sort()).toEqual(['running', 'running']);
    const ps = await s.ok(['ps', '--services'], env);
    expect(ps.stdout.trim().split('\n').sort()).toEqual(['web', 'worker']);
    const logs = await s.ok(['logs', 'web'], env);
    expect(logs.stdout).toMatch(/web-1 +\| over-ssh/);
    const exec = await s.ok(['exec', '-T', 'worker', 'echo', 'exec-over-ssh'], env);
    expect(exec.stdout.trim()).toBe('exec-over-ssh');
    await s.ok(['down', '-t', '0'], env);
    expect(await s.containers()).toEqual([]);
  });

  it('an ssh host that refuses the connection is reported with what ssh said', async () => {
    const s = await scenario('tc-ssh-refused', { 'compose.yaml': `services:\n  app:\n    image: ${BB}\n` });
    const r = await s.cli(['up', '-d'], { DOCKER_HOST: 'ssh://root@127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach the Docker engine at ssh://root@127.0.0.1:9');
    expect(r.stderr).toMatch(/Connection refused/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
