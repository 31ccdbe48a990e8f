/**
 * The embedded DNS against the real engine: containers on labelled networks use the daemon (via --dns <gateway>)
 * and ask with busybox nslookup. Each daemon here serves its own dns-instance, so a host daemon never competes.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { engine, engineAvailable, sweepProject } from '../helpers/engine.js';
import { eventually } from '../helpers/eventually.js';
import { startDnsDaemon, type RunningDnsDaemon } from '../../src/dns/daemon.js';
import { queryDns } from '../../src/dns/dns-client.js';
import { DnsLabels } from '../../src/dns/labels.js';
import { createDnsIntegration, dnsServerAddressFor, dnsStatus, ensureDnsDaemon, pingDnsDaemon } from '../../src/dns/lifecycle.js';

const IMAGE = 'tcompose/busybox:latest';
const docker = await engineAvailable();
if (!docker && process.env.CI === 'true') throw new Error('CI=true but no Docker engine: integration tests must not skip');

function run(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('docker', args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(args: string[]): Promise<string> {
  const r = await run(args);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A stub upstream on 127.0.0.1: `forwarded.test` → 192.0.2.7, every other name NXDOMAIN. */
async function stubUpstream() {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, from) => {
    const q = dnsPacket.decode(msg);
    const name = q.questions?.[0]?.name ?? '';
    const hit = name === 'forwarded.test' && q.questions?.[0]?.type === 'A';
    const answers = hit ? [{ type: 'A' as const, name, ttl: 60, data: '192.0.2.7' }] : [];
    socket.send(dnsPacket.encode({ id: q.id, type: 'response', flags: dnsPacket.RECURSION_AVAILABLE | (hit || name === 'forwarded.test' ? 0 : 3), questions: q.questions, answers }), from.port, from.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { port: socket.address().port, close: () => socket.close() };
}

interface Fixture { project: string; instance: string; network: string; gateway: string }

async function projectNetwork(project: string, instance: string): Promise<Fixture> {
  const network = `${project}_default`;
  await ok(['network', 'create', '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.network=default`,
    '--label', `${DnsLabels.instance}=${instance}`, network]);
  const summary = (await engine.listNetworks({ names: [network] })).find((n) => n.name === network)!;
  return { project, instance, network, gateway: dnsServerAddressFor(summary) };
}

/** A compose-labelled busybox replica that sleeps; `healthy: false` gives it a healthcheck it fails until /tmp/ok exists. */
async function replica(f: Fixture, service: string, n: number, options: { health?: 'ok' | 'failing'; aliases?: string[] } = {}): Promise<string> {
  const name = `${f.project}-${service}-${n}`;
  const args = ['run', '-d', '--name', name, '--network', f.network, '--dns', f.gateway,
    '--label', `com.docker.compose.project=${f.project}`, '--label', `com.docker.compose.service=${service}`,
    '--label', `com.docker.compose.container-number=${n}`, '--label', 'com.docker.compose.oneoff=False',
    '--label', `${DnsLabels.instance}=${f.instance}`];
  if (options.aliases) args.push('--label', `${DnsLabels.aliases}=${JSON.stringify({ [f.network]: options.aliases })}`);
  if (options.health) args.push('--health-cmd', 'test -f /tmp/ok', '--health-interval', '1s', '--health-retries', '1', '--health-timeout', '1s');
  const command = options.health === 'ok' ? ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'] : ['sleep', '3600'];
  await ok([...args, IMAGE, ...command]);
  return name;
}

async function ipOf(container: string, network: string): Promise<string> {
  return ok(['inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container]);
}

async function healthOf(container: string): Promise<string> {
  return ok(['inspect', '-f', '{{.State.Health.Status}}', container]);
}

/** busybox nslookup inside a container: the IPv4 addresses it printed for the name ([] when it failed). */
async function lookupFrom(container: string, name: string): Promise<string[]> {
  const r = await run(['exec', container, 'nslookup', '-type=a', name], 15_000);
  if (r.code !== 0) return [];
  const afterName = r.stdout.split(/^Name:/m).slice(1).join('\n');
  return [...afterName.matchAll(/Address:\s*(\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]!).sort();
}

async function hostLookup(port: number, name: string): Promise<string[]> {
  const r = await queryDns({ host: '127.0.0.1', port }, name, 'A', 1000);
  return (r.answers ?? []).map((a) => String('data' in a ? a.data : '')).sort();
}

describe.skipIf(!docker)('embedded DNS (in-process daemon)', () => {
  const instance = unique('it-dns');
  let a: Fixture;
  let b: Fixture;
  let daemon: RunningDnsDaemon | undefined;
  let upstream: Awaited<ReturnType<typeof stubUpstream>>;
  const ips: Record<string, string> = {};

  const start = async () => {
    daemon = await startDnsDaemon({ engine, instance, hostPort: 0, upstreams: [{ host: '127.0.0.1', port: upstream.port }], warn: () => undefined });
    return daemon;
  };

  beforeAll(async () => {
    upstream = await stubUpstream();
    a = await projectNetwork(unique('tc-dns-a'), instance);
    b = await projectNetwork(unique('tc-dns-b'), instance);
    await start();
    await Promise.all([
      replica(a, 'api', 1, { health: 'ok' }), replica(a, 'api', 2, { health: 'ok' }), replica(a, 'api', 3, { health: 'failing' }),
      replica(a, 'web', 1, { aliases: ['frontend'] }), replica(b, 'db', 1), replica(b, 'client', 1),
    ]);
    for (const n of [1, 2, 3]) ips[`api-${n}`] = await ipOf(`${a.project}-api-${n}`, a.network);
    ips.web = await ipOf(`${a.project}-web-1`, a.network);
    ips.db = await ipOf(`${b.project}-db-1`, b.network);
    await eventually(async () => {
      expect(await healthOf(`${a.project}-api-1`)).toBe('healthy');
      expect(await healthOf(`${a.project}-api-2`)).toBe('healthy');
      expect(await healthOf(`${a.project}-api-3`)).toBe('unhealthy');
    }, 30_000, 200);
  });

  afterAll(async () => {
    await daemon?.close();
    upstream?.close();
    if (a) { await run(['rm', '-f', `${a.project}-stranger`]); await sweepProject(a.project); }
    if (b) await sweepProject(b.project);
  });

  it('a service scaled to 3 with one unhealthy replica never returns that replica', async () => {
    const expected = [ips['api-1']!, ips['api-2']!].sort();
    await eventually(async () => expect(await lookupFrom(`${a.project}-web-1`, 'api')).toEqual(expected), 10_000, 200);
    for (let i = 0; i < 5; i++) expect(await lookupFrom(`${a.project}-web-1`, 'api')).toEqual(expected);
    expect(await hostLookup(daemon!.hostPort, `api.${a.project}`)).toEqual(expected);
  });

  it('answers aliases and <service>.<project> inside the project', async () => {
    await eventually(async () => expect(await lookupFrom(`${a.project}-api-1`, 'frontend')).toEqual([ips.web]), 10_000, 200);
    expect(await lookupFrom(`${a.project}-api-1`, `web.${a.project}`)).toEqual([ips.web]);
  });

  it('a replica that turns healthy is answered within 1 s of the engine reporting it healthy, and leaves when unhealthy', async () => {
    await ok(['exec', `${a.project}-api-3`, 'touch', '/tmp/ok']);
    await eventually(async () => expect(await healthOf(`${a.project}-api-3`)).toBe('healthy'), 15_000, 50);
    await eventually(async () => expect(await hostLookup(daemon!.hostPort, `api.${a.project}`)).toContain(ips['api-3']), 1000, 50);
    expect(await lookupFrom(`${a.project}-web-1`, 'api')).toEqual([ips['api-1']!, ips['api-2']!, ips['api-3']!].sort());

    await ok(['exec', `${a.project}-api-3`, 'rm', '/tmp/ok']);
    await eventually(async () => expect(await healthOf(`${a.project}-api-3`)).toBe('unhealthy'), 15_000, 50);
    await eventually(async () => expect(await hostLookup(daemon!.hostPort, `api.${a.project}`)).not.toContain(ips['api-3']), 1000, 50);
  });

  it('two projects cannot resolve each other\'s names', async () => {
    await eventually(async () => expect(await lookupFrom(`${b.project}-client-1`, 'db')).toEqual([ips.db]), 10_000, 200);
    expect(await lookupFrom(`${b.project}-client-1`, 'api')).toEqual([]);
    expect(await lookupFrom(`${b.project}-client-1`, `api.${a.project}`)).toEqual([]);
    expect(await lookupFrom(`${a.project}-web-1`, 'db')).toEqual([]);
    expect(await lookupFrom(`${a.project}-web-1`, `db.${b.project}`)).toEqual([]);
  });

  it('answers a container that asks in its very first instruction, and refuses a container tcompose does not manage', async () => {
    const asker = `${a.project}-oneoff-1`;
    const labels = ['--label', `com.docker.compose.project=${a.project}`, '--label', 'com.docker.compose.service=oneoff',
      '--label', 'com.docker.compose.container-number=1', '--label', 'com.docker.compose.oneoff=True', '--label', `${DnsLabels.instance}=${instance}`];
    const early = await run(['run', '--rm', '--name', asker, '--network', a.network, '--dns', a.gateway, ...labels, IMAGE, 'nslookup', '-type=a', 'web']);
    expect(early.stdout).toContain(ips.web);
    const stranger = await run(['run', '--rm', '--name', `${a.project}-stranger`, '--network', a.network, '--dns', a.gateway, IMAGE, 'nslookup', '-type=a', 'web']);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stdout).not.toContain(ips.web);
  });

  it('forwards names it does not own to the upstream', async () => {
    await eventually(async () => expect(await lookupFrom(`${a.project}-web-1`, 'forwarded.test')).toEqual(['192.0.2.7']), 10_000, 200);
  });

  it('after the DNS process dies and restarts, resolution comes back with no stale answers', async () => {
    await daemon!.close();
    daemon = undefined;
    expect(await lookupFrom(`${a.project}-web-1`, 'api')).toEqual([]);
    // Change the world while nobody watches: replica 2 stops, web gets a new sibling.
    await ok(['stop', '-t', '0', `${a.project}-api-2`]);
    await replica(a, 'web', 2);
    const web2 = await ipOf(`${a.project}-web-2`, a.network);
    await start();
    await eventually(async () => expect(await lookupFrom(`${a.project}-web-1`, 'web')).toEqual([ips.web!, web2].sort()), 10_000, 200);
    const api = await lookupFrom(`${a.project}-web-1`, 'api');
    expect(api).toContain(ips['api-1']);
    expect(api).not.toContain(ips['api-2']);
  });
});

describe.skipIf(!docker)('embedded DNS (detached daemon)', () => {
  it('keeps answering after its starter is gone, comes back after a kill, and leaves by itself once idle', async () => {
    const upstream = await stubUpstream();
    const stateDir = await mkdtemp(join(tmpdir(), 'tc-dns-state-'));
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
    const port = probe.address().port;
    probe.close();
    const env = {
      ...process.env, TCOMPOSE_STATE_DIR: stateDir, TCOMPOSE_DNS_PORT: String(port),
      TCOMPOSE_DNS_INSTANCE: unique('it-dnsd'), TCOMPOSE_DNS_UPSTREAMS: `127.0.0.1:${upstream.port}`,
      TCOMPOSE_DNS_IDLE_EXIT_SEC: '2',
    };
    const f = await projectNetwork(unique('tc-dns-d'), env.TCOMPOSE_DNS_INSTANCE);
    const pids: number[] = [];
    onTestFinished(async () => {
      await sweepProject(f.project);
      for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      upstream.close();
      await rm(stateDir, { recursive: true, force: true });
    });

    const first = await ensureDnsDaemon(env);
    pids.push(first.pid);
    expect(first.hostPort).toBe(port);
    expect((await ensureDnsDaemon(env)).pid).toBe(first.pid);
    const integration = createDnsIntegration(engine, env);
    await integration.ensureRunning();
    expect(await integration.serversFor(f.network)).toEqual([f.gateway]);
    expect(await integration.serversFor(`${f.project}-missing`)).toBeUndefined();
    await replica(f, 'web', 1);
    await replica(f, 'api', 1);
    const apiIp = await ipOf(`${f.project}-api-1`, f.network);
    await eventually(async () => expect(await lookupFrom(`${f.project}-web-1`, 'api')).toEqual([apiIp]), 10_000, 200);
    const status = await dnsStatus(env);
    expect(status.running).toBe(true);
    expect(status.snapshot?.gatewayListeners).toContain(f.gateway);
    expect(status.snapshot?.entries.map((e) => e.containerName).sort()).toEqual([`${f.project}-api-1`, `${f.project}-web-1`]);

    process.kill(first.pid, 'SIGKILL');
    await eventually(async () => expect(await lookupFrom(`${f.project}-web-1`, 'api')).toEqual([]), 10_000, 200);
    await ok(['rm', '-f', `${f.project}-api-1`]);
    await replica(f, 'api', 2);
    const api2 = await ipOf(`${f.project}-api-2`, f.network);

    const second = await ensureDnsDaemon(env);
    pids.push(second.pid);
    expect(second.pid).not.toBe(first.pid);
    await eventually(async () => expect(await lookupFrom(`${f.project}-web-1`, 'api')).toEqual([api2]), 10_000, 200);

    // Idle (no network of its instance left) for TCOMPOSE_DNS_IDLE_EXIT_SEC: the daemon leaves by itself.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await pingDnsDaemon(env)).toBe(second.pid);
    await sweepProject(f.project);
    await eventually(async () => expect(await pingDnsDaemon(env)).toBeUndefined(), 10_000, 200);
    expect((await dnsStatus(env)).running).toBe(false);
  });
});
