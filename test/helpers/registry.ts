/** A private image registry on 127.0.0.1 (Debian's docker-registry), for pull/push tests. Loopback needs no TLS. */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { eventually } from './eventually.js';

/** Install a Debian package the test needs (the quick start installs none of these). */
export function ensurePackage(binary: string, pkg: string): void {
  if (existsSync(binary)) return;
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** With `auth`, the registry wants that user and password (htpasswd, bcrypt), as a private registry does. */
export async function startRegistry(options: { auth?: { user: string; password: string } } = {}): Promise<{ address: string; stop(): Promise<void> }> {
  ensurePackage('/usr/bin/docker-registry', 'docker-registry');
  const dir = await mkdtemp(join(tmpdir(), 'tc-registry-'));
  const port = await freePort();
  let auth = '';
  if (options.auth) {
    ensurePackage('/usr/bin/htpasswd', 'apache2-utils');
    const line = execFileSync('htpasswd', ['-Bbn', options.auth.user, options.auth.password]).toString();
    await writeFile(join(dir, 'htpasswd'), line);
    auth = `auth:\n  htpasswd:\n    realm: tcompose-test\n    path: ${dir}/htpasswd\n`;
  }
  await writeFile(join(dir, 'config.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\nlog:\n  level: error\n${auth}`);
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  await eventually(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`);
    if (res.status !== (options.auth ? 401 : 200)) throw new Error(`registry answered ${res.status}`);
  }, 15_000);
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
