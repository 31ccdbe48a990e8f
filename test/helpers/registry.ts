/** A private image registry on 127.0.0.1 (Debian's docker-registry), for pull/push tests. Loopback needs no TLS. */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { eventually } from './eventually.js';

export async function startRegistry(): Promise<{ address: string; stop(): Promise<void> }> {
  if (!existsSync('/usr/bin/docker-registry')) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'docker-registry'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const dir = await mkdtemp(join(tmpdir(), 'tc-registry-'));
  const port = await freePort();
  await writeFile(join(dir, 'config.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\nlog:\n  level: error\n`);
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  await eventually(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`);
    if (res.status !== 200) throw new Error(`registry answered ${res.status}`);
  }, 15_000);
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
