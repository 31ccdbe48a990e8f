/**
 * A private dockerd for fault tests: its own socket, data root and address pool, no iptables and no default
 * bridge, so stopping it disturbs neither the shared engine nor other tests. The busybox test image is copied in.
 */
import { spawn, execSync } from 'node:child_process';
import { mkdirSync, rmSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { eventually } from './eventually.js';

export interface PrivateEngine {
  dockerHost: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

async function ping(socket: string): Promise<boolean> {
  try {
    execSync(`curl -sf --max-time 1 --unix-socket ${socket} http://localhost/_ping`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A dockerd whose default bridge is not docker0 deletes the host's docker0 when it starts, which breaks the shared
 * engine's default bridge (its builds). Put it back with the address the shared engine gave it.
 */
function restoreDocker0(subnet: string): void {
  try { execSync('ip link show docker0', { stdio: 'ignore' }); return; } catch { /* deleted: recreate below */ }
  const [base, prefix] = subnet.split('/');
  const gateway = base!.replace(/\.\d+$/, (last) => `.${Number(last.slice(1)) + 1}`);
  execSync(`ip link add docker0 type bridge && ip addr add ${gateway}/${prefix} dev docker0 && ip link set docker0 up`, { stdio: 'ignore' });
}

export async function privateEngine(): Promise<PrivateEngine> {
  const sharedBridgeSubnet = execSync("docker network inspect bridge --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}'").toString().trim();
  const id = randomBytes(3).toString('hex');
  const run = `/run/tc-fault-${id}`;
  const data = `/var/lib/tc-fault-${id}`;
  const socket = `${run}/docker.sock`;
  // A /24 of its own per engine, away from the shared engine's 172.16.0.0/12.

  // Its own default bridge: with `--bridge none` dockerd deletes the host's docker0, which the shared engine needs.
  const bridge = `tcf${id}`;
  const octet = 200 + (parseInt(id.slice(0, 2), 16) % 50);
  const start = async () => {
    mkdirSync(run, { recursive: true });
    try { execSync(`ip link show ${bridge}`, { stdio: 'ignore' }); } catch {
      execSync(`ip link add ${bridge} type bridge && ip addr add 10.${octet}.255.1/24 dev ${bridge} && ip link set ${bridge} up`, { stdio: 'ignore' });
    }
    // In a mount namespace of its own: its overlay mounts never show in the host's, so containers another engine
    // on this machine creates meanwhile cannot hold copies of them (which made its removals fail as busy).
    spawn('unshare', ['--mount', '--propagation', 'private', 'dockerd', '--host', `unix://${socket}`, '--data-root', data, '--exec-root', `${run}/exec`, '--pidfile', `${run}/dockerd.pid`,
      '--bridge', bridge, '--iptables=false', '--ip-masq=false', '--default-address-pool', `base=10.${octet}.0.0/17,size=24`], { detached: true, stdio: 'ignore' }).unref();
    await eventually(async () => { if (!(await ping(socket))) throw new Error('private dockerd not answering'); }, 60_000, 200);
    restoreDocker0(sharedBridgeSubnet);
  };
  const stop = async () => {
    const pid = Number(readFileSync(`${run}/dockerd.pid`, 'utf8'));
    process.kill(pid, 'SIGTERM');
    await eventually(() => { try { process.kill(pid, 0); } catch { return; } throw new Error('still running'); }, 60_000, 100);
  };
  await start();
  execSync(`docker save tcompose/busybox:latest | DOCKER_HOST=unix://${socket} docker load -q`, { stdio: 'ignore' });
  return {
    dockerHost: `unix://${socket}`,
    start,
    stop,
    async destroy() {
      if (await ping(socket)) {
        execSync(`DOCKER_HOST=unix://${socket} sh -c 'docker ps -aq | xargs -r docker rm -f; docker network prune -f; docker volume prune -f'`, { stdio: 'ignore' });
        await stop();
      }
      // Network namespaces stay mounted under the exec root until unmounted.
      for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
        const mountPoint = line.split(' ')[1];
        if (mountPoint?.startsWith(run) || mountPoint?.startsWith(data)) { try { execSync(`umount ${mountPoint}`, { stdio: 'ignore' }); } catch { /* busy: left */ } }
      }
      try { execSync(`ip link delete ${bridge}`, { stdio: 'ignore' }); } catch { /* already gone */ }
      restoreDocker0(sharedBridgeSubnet);
      for (const dir of [run, data]) { try { rmSync(dir, { recursive: true, force: true }); } catch { /* left for the next boot */ } }
    },
  };
}
