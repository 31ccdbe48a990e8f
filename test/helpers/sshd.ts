/**
 * Debian's sshd on 127.0.0.1 with a host key and a client key made for the test, and an `ssh` on PATH that
 * uses them (ssh reads ~/.ssh from the passwd entry, not $HOME, so a wrapper is how a test brings its own
 * config). Remote commands see the test's engine as DOCKER_HOST, so `docker system dial-stdio` reaches it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort } from './ports.js';
import { eventually } from './eventually.js';

export interface Sshd { port: number; user: string; pathWithSsh: string; stop(): Promise<void> }

export async function startSshd(): Promise<Sshd> {
  if (!existsSync('/usr/sbin/sshd')) throw new Error('openssh-server is not installed: run scripts/test-packages.sh');
  const dir = await mkdtemp(join(tmpdir(), 'tc-sshd-'));
  const port = await freePort();
  for (const key of ['host_key', 'client_key']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')));
  const engineHost = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  await writeFile(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`,
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'PermitRootLogin prohibit-password',
    `PidFile ${dir}/sshd.pid`, `SetEnv DOCKER_HOST=${engineHost}`, 'LogLevel ERROR', '',
  ].join('\n'));
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).trim().split(' ').slice(0, 2).join(' ');
  await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  await writeFile(join(dir, 'ssh_config'), [
    'Host 127.0.0.1', `  IdentityFile ${dir}/client_key`, '  IdentitiesOnly yes', `  UserKnownHostsFile ${dir}/known_hosts`,
    '  StrictHostKeyChecking yes', '  BatchMode yes', '',
  ].join('\n'));
  await mkdir(join(dir, 'bin'));
  await writeFile(join(dir, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${dir}/ssh_config "$@"\n`);
  await chmod(join(dir, 'bin', 'ssh'), 0o755);
  // sshd insists on its privilege-separation directory.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await eventually(() => new Promise<void>((resolve, reject) => {
    if (child.exitCode !== null) { reject(new Error(`sshd exited: ${stderr}`)); return; }
    const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(); });
    socket.on('error', reject);
  }), 10_000);
  return {
    port,
    user: 'root',
    pathWithSsh: `${join(dir, 'bin')}:${process.env.PATH}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
