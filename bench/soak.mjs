// Soak: N cycles of `up -d` / `down` on a 10-service project; afterwards nothing of the project may remain
// (containers, networks, volumes), and the engine's open file descriptors and the DNS daemon's memory must not
// grow. `node bench/soak.mjs [cycles]` (default 200). Bounded: every step has a timeout.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tcompose, projectDir, sleepersYaml } from './lib.mjs';

const cycles = Number(process.argv[2] ?? 200);
const project = `soak-${process.pid}`;

function fdCount(pid) {
  try { return readdirSync(`/proc/${pid}/fd`).length; } catch { return undefined; }
}

function rssKb(pid) {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return undefined; }
}

function pidOf(file) {
  try { return Number(readFileSync(file, 'utf8')); } catch { return undefined; }
}

function leftovers() {
  const q = (args) => execFileSync('docker', args, { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  const label = `label=com.docker.compose.project=${project}`;
  return { containers: q(['ps', '-aq', '--filter', label]), networks: q(['network', 'ls', '-q', '--filter', label]), volumes: q(['volume', 'ls', '-q', '--filter', label]) };
}

export async function soak(n) {
  const dir = await projectDir(project, { 'compose.yaml': sleepersYaml(10) });
  const dockerdPid = pidOf('/var/lib/tcompose-engine/dockerd.pid') ?? pidOf('/var/run/docker.pid');
  const dnsPidFile = ['/run/tcompose/dns/daemon.pid'].find((f) => existsSync(f));
  const sample = () => ({ dockerdFds: dockerdPid ? fdCount(dockerdPid) : undefined, dnsRssKb: dnsPidFile ? rssKb(pidOf(dnsPidFile)) : undefined });
  // One warm-up cycle, so lazily opened engine resources are not counted as growth.
  await tcompose(['-p', project, '--progress', 'quiet', 'up', '-d'], { cwd: dir });
  await tcompose(['-p', project, '--progress', 'quiet', 'down', '-t', '0'], { cwd: dir });
  const before = sample();
  const started = Date.now();
  let left;
  let after;
  try {
    for (let i = 0; i < n; i++) {
      await tcompose(['-p', project, '--progress', 'quiet', 'up', '-d'], { cwd: dir, timeoutMs: 120_000 });
      await tcompose(['-p', project, '--progress', 'quiet', 'down', '-t', '0'], { cwd: dir, timeoutMs: 120_000 });
    }
  } finally {
    after = sample();
    left = leftovers();
    // Whatever happened, leave nothing behind (after counting what the cycles themselves left).
    await tcompose(['-p', project, '--progress', 'quiet', 'down', '-v', '-t', '0'], { cwd: dir, allowFailure: true });
  }
  return { cycles: n, seconds: (Date.now() - started) / 1000, before, after, left };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await soak(cycles);
  console.log(`soak: ${r.cycles} cycles in ${r.seconds.toFixed(0)} s`);
  console.log(`left behind: ${r.left.containers} containers, ${r.left.networks} networks, ${r.left.volumes} volumes`);
  console.log(`dockerd fds: ${r.before.dockerdFds} → ${r.after.dockerdFds}`);
  if (r.before.dnsRssKb !== undefined) console.log(`dns daemon RSS: ${r.before.dnsRssKb} kB → ${r.after.dnsRssKb} kB`);
  process.exit(r.left.containers + r.left.networks + r.left.volumes === 0 ? 0 : 1);
}
