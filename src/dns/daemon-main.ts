/**
 * Entry of the detached DNS daemon process (`node dist/dns/daemon-main.js`), started by `ensureDnsDaemon`.
 * Configuration comes from the environment it was started with:
 * TCOMPOSE_STATE_DIR, TCOMPOSE_DNS_PORT, TCOMPOSE_DNS_UPSTREAMS (`host[:port],…`, default: /etc/resolv.conf),
 * TCOMPOSE_DNS_INSTANCE, TCOMPOSE_DNS_IDLE_EXIT_SEC (how long it stays with no network to serve, default 600), and
 * DOCKER_HOST & co. for the engine. Logs go to stdout/stderr (the spawner points them
 * at `daemon.log`).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connectEngine } from '../engine/docker-engine.js';
import { startDnsDaemon } from './daemon.js';
import { dnsHostPort, dnsPaths } from './paths.js';
import { parseResolvConf, parseUpstreamList, type UpstreamServer } from './upstream.js';

function upstreamsFrom(env: NodeJS.ProcessEnv): UpstreamServer[] {
  if (env.TCOMPOSE_DNS_UPSTREAMS !== undefined) return parseUpstreamList(env.TCOMPOSE_DNS_UPSTREAMS);
  try { return parseResolvConf(readFileSync('/etc/resolv.conf', 'utf8')); } catch { return []; }
}

function idleSeconds(env: NodeJS.ProcessEnv): number {
  const n = Number(env.TCOMPOSE_DNS_IDLE_EXIT_SEC);
  return Number.isFinite(n) && n > 0 ? n : 600;
}

const log = (level: string, message: string) => process.stdout.write(`${new Date().toISOString()} ${level} ${message}\n`);

async function main(): Promise<void> {
  const env = process.env;
  const paths = dnsPaths(env);
  mkdirSync(paths.dir, { recursive: true });
  const writeStatus = (status: unknown) => {
    const tmp = `${paths.statusFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(status, null, 2));
    renameSync(tmp, paths.statusFile); // atomic: readers never see half a file
  };
  const daemon = await startDnsDaemon({
    engine: connectEngine(env),
    instance: env.TCOMPOSE_DNS_INSTANCE || undefined,
    hostPort: dnsHostPort(env),
    upstreams: upstreamsFrom(env),
    warn: (m) => log('warn', m),
    info: (m) => log('info', m),
    onStatus: writeStatus,
    idleMs: idleSeconds(env) * 1000,
    onIdle: () => void shutdown('idle'),
  });
  writeStatus(daemon.status());
  writeFileSync(paths.pidFile, `${process.pid}\n`);
  log('info', `tcompose DNS daemon ready (pid ${process.pid})`);

  const shutdown = async (signal: string) => {
    log('info', `stopping on ${signal}`);
    await daemon.close().catch(() => undefined);
    try { if (readFileSync(paths.pidFile, 'utf8').trim() === String(process.pid)) rmSync(paths.pidFile); } catch { /* already gone */ }
    rmSync(paths.statusFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  log('error', `tcompose DNS daemon failed to start: ${(err as Error).message}`);
  process.exit(1);
});
