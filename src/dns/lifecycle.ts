/**
 * One DNS daemon per host, shared by all projects: started on demand as a detached process that outlives the CLI,
 * found again through its pid file and a ping over loopback, stopped when no tcompose container is left.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Engine, NetworkSummary } from '../engine/engine.js';
import { Labels } from '../model/labels.js';
import { DNS_PROTOCOL, LISTENER_SUFFIX, PING_NAME } from './answer.js';
import { queryDns } from './dns-client.js';
import { dnsHostPort, dnsPaths } from './paths.js';
import type { DnsStatusSnapshot } from './status.js';

type Env = Record<string, string | undefined>;

/** The address a container on `network` must use as its DNS server (HostConfig.Dns): the network's IPv4 gateway. */
export function dnsServerAddressFor(network: NetworkSummary): string {
  const gateway = network.gateways.find((g) => !g.includes(':'));
  if (!gateway) throw new Error(`network ${network.name} has no IPv4 gateway for tcompose's DNS to listen on`);
  return gateway;
}

/** The pid of the daemon answering on the loopback port, or undefined when nothing (of ours) answers. */
export async function pingDnsDaemon(env: Env = process.env, timeoutMs = 300): Promise<number | undefined> {
  return (await identifyDaemon(env, timeoutMs))?.pid;
}

/** Who answers the ping: pid, and whether it speaks this CLI's protocol (an older resident daemon may not). */
async function identifyDaemon(env: Env, timeoutMs = 300): Promise<{ pid: number; current: boolean } | undefined> {
  const text = await askTxt(env, PING_NAME, timeoutMs);
  const m = text && /^tcompose-dns pid=(\d+)(?: proto=(\d+))?$/.exec(text);
  return m ? { pid: Number(m[1]), current: Number(m[2]) === DNS_PROTOCOL } : undefined;
}

async function askTxt(env: Env, name: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const reply = await queryDns({ host: '127.0.0.1', port: dnsHostPort(env) }, name, 'TXT', timeoutMs);
    const txt = reply.answers?.find((a) => a.type === 'TXT');
    return txt ? [txt.data].flat().map(String).join('') : undefined;
  } catch {
    return undefined;
  }
}

/** How to run daemon-main: the compiled .js next to this file, or the .ts source through tsx (tests, dev). */
function daemonCommand(): string[] {
  const js = fileURLToPath(new URL('./daemon-main.js', import.meta.url));
  if (existsSync(js)) return [js];
  // Absolute loader path: the daemon runs from `/` so it pins no project directory.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', tsx, fileURLToPath(new URL('./daemon-main.ts', import.meta.url))];
}

/** Start the daemon unless one answers already; resolves once it answers. */
export async function ensureDnsDaemon(env: Env = process.env, timeoutMs = 15_000): Promise<{ pid: number; hostPort: number }> {
  // A daemon that is shutting down (stopped as idle by another CLI) can make a start fail once: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOrFindDaemon(env, timeoutMs);
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

async function startOrFindDaemon(env: Env, timeoutMs: number): Promise<{ pid: number; hostPort: number }> {
  const hostPort = dnsHostPort(env);
  const running = await identifyDaemon(env);
  if (running?.current) return { pid: running.pid, hostPort };
  if (running) await stopDnsDaemon(env); // a resident daemon from an older tcompose: replace it
  const paths = dnsPaths(env);
  mkdirSync(paths.dir, { recursive: true });
  const log = openSync(paths.logFile, 'a');
  const child = spawn(process.execPath, daemonCommand(), { detached: true, cwd: '/', stdio: ['ignore', log, log], env: env as NodeJS.ProcessEnv });
  closeSync(log);
  child.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pid = await pingDnsDaemon(env);
    if (pid) return { pid, hostPort };
    if (child.exitCode !== null) {
      // Lost a start race to another CLI? Then the winner answers.
      const winner = await pingDnsDaemon(env, 1000);
      if (winner) return { pid: winner, hostPort };
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the tcompose DNS daemon did not start; see ${paths.logFile}:\n${tail(paths.logFile)}`);
}

function tail(file: string): string {
  try { return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n'); } catch { return '(no log)'; }
}

function readPid(env: Env): number | undefined {
  try {
    const pid = Number(readFileSync(dnsPaths(env).pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Stop the daemon (SIGTERM to the pid in the pid file, checked against the ping) and wait until it is gone. */
export async function stopDnsDaemon(env: Env = process.env, timeoutMs = 5000): Promise<boolean> {
  const pid = (await pingDnsDaemon(env)) ?? readPid(env);
  if (!pid || !alive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

/** For `tcompose dns status`: whether the daemon runs, and what it serves (projects, names, addresses, health). */
export async function dnsStatus(env: Env = process.env): Promise<{ running: boolean; pid?: number; hostPort: number; snapshot?: DnsStatusSnapshot }> {
  const hostPort = dnsHostPort(env);
  const pid = await pingDnsDaemon(env);
  if (!pid) return { running: false, hostPort };
  try {
    const snapshot = JSON.parse(readFileSync(dnsPaths(env).statusFile, 'utf8')) as DnsStatusSnapshot;
    return { running: true, pid, hostPort, snapshot: snapshot.pid === pid ? snapshot : undefined };
  } catch {
    return { running: true, pid, hostPort };
  }
}

/**
 * What `createTcompose({ dns })` needs (core's DnsIntegration): start the daemon before creating containers, and
 * the DNS server for a container's first network, once per network (waiting until the daemon listens there).
 * Nothing stops the daemon after `down`: it leaves by itself once idle, so the next `up` finds it ready.
 */
export function createDnsIntegration(engine: Engine, env: Env = process.env) {
  const servers = new Map<string, Promise<string[] | undefined>>();
  async function lookUp(networkName: string): Promise<string[] | undefined> {
    const network = (await engine.listNetworks({ names: [networkName] })).find((n) => n.name === networkName);
    if (!network || !network.labels[Labels.project]) return undefined; // not a tcompose network: nobody listens there
    const gateway = network.gateways.find((g) => !g.includes(':'));
    if (!gateway) return undefined;
    const failure = await awaitListener(env, gateway);
    // Better to fail `up` with the reason than to hand containers a DNS server that never answers.
    if (failure) throw new Error(`tcompose DNS cannot listen on ${gateway}:53 for network ${networkName}: ${failure}`);
    return [gateway];
  }
  return {
    async ensureRunning(): Promise<void> { await ensureDnsDaemon(env); },
    serversFor(networkName: string): Promise<string[] | undefined> {
      let found = servers.get(networkName);
      if (!found) {
        found = lookUp(networkName);
        servers.set(networkName, found);
        found.catch(() => servers.delete(networkName));
      }
      return found;
    },
  };
}

/**
 * The daemon binds a new network's gateway on the network's create event; wait for it so early queries land.
 * Returns the bind error when the daemon reports one (a timeout is not an error: it may still catch up).
 */
async function awaitListener(env: Env, gateway: string, timeoutMs = 3000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await askTxt(env, `${gateway}${LISTENER_SUFFIX}`, 300);
    if (state === undefined || state === 'listening') return undefined; // no daemon answers: nothing to wait for
    if (state.startsWith('failed ')) return state.slice('failed '.length);
    await new Promise((r) => setTimeout(r, 5));
  }
  return undefined;
}
