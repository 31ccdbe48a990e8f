/**
 * The `CheckHostPorts` node: every host port the plan will publish must be free, or the error names what holds
 * it (a container and its project, or a process). Ports held by this project's own containers are skipped: a
 * recreate releases them first.
 */
import { createServer } from 'node:net';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { HostPortClaim } from '../model/plan.js';
import type { Engine } from '../engine/engine.js';
import { Labels } from '../model/labels.js';
import { RuntimeError } from '../errors/index.js';

function portFree(hostIp: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: hostIp, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The process listening on a TCP port, from /proc (Linux); undefined when it cannot be told. */
function processHolding(port: number): string | undefined {
  try {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A') inodes.add(cols[9]!);
      }
    }
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let fds: string[];
      try { fds = readdirSync(`/proc/${pid}/fd`); } catch { continue; }
      for (const fd of fds) {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (m && inodes.has(m[1]!)) return `process ${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()} (pid ${pid})`;
        } catch { /* gone */ }
      }
    }
  } catch { /* not Linux, or no access */ }
  return undefined;
}

export async function checkHostPorts(engine: Engine, wanted: HostPortClaim[], ownContainers: string[], signal?: AbortSignal): Promise<void> {
  if (!wanted.length) return;
  const ours = new Set(ownContainers);
  const containers = await engine.listContainers({ all: false }, signal);
  for (const { serviceName, hostIp, port } of wanted) {
    const holder = containers.find((c) => c.ports.some((p) => p.publicPort === port && (hostIp === '0.0.0.0' || !p.ip || p.ip === hostIp || p.ip === '0.0.0.0')));
    if (holder && ours.has(holder.id)) continue;
    if (holder) {
      const project = holder.labels[Labels.project];
      throw new RuntimeError(`service "${serviceName}": port ${hostIp}:${port} is already allocated by container ${holder.names[0]}${project ? ` of project ${project}` : ''}`);
    }
    if (!(await portFree(hostIp, port))) {
      throw new RuntimeError(`service "${serviceName}": port ${hostIp}:${port} is already in use${processHolding(port) ? ` by ${processHolding(port)}` : ''}`);
    }
  }
}
