// `node bench/dns.mjs`: a bounded burst of UDP queries to the DNS loopback listener; prints queries/s and p50/p99.
// By default it starts the server in a child process with a synthetic table (50 projects × 4 services × 3 replicas,
// no engine); BENCH_DNS_PORT=<port> targets a running daemon instead (ask names with BENCH_DNS_NAMES=a.p,b.p).
// Knobs: BENCH_DNS_QUERIES (default 100000), BENCH_DNS_WINDOW in-flight queries (default 16). Loopback only.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import dnsPacket from 'dns-packet';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECTS = 50, SERVICES = 4, REPLICAS = 3;

async function dnsModule(name) {
  const built = join(root, 'dist', 'dns', `${name}.js`);
  return import(pathToFileURL(existsSync(built) ? built : join(root, 'src', 'dns', `${name}.ts`)).href);
}

/** Child mode: serve a synthetic table on 127.0.0.1 and print the port. */
async function serve() {
  const { RecordTable } = await dnsModule('records');
  const { createQueryHandler } = await dnsModule('handle-query');
  const { listenDns } = await dnsModule('server');
  const { createUpstream } = await dnsModule('upstream');
  const containers = [];
  for (let p = 0; p < PROJECTS; p++) for (let s = 0; s < SERVICES; s++) for (let n = 1; n <= REPLICAS; n++) {
    containers.push({ id: `c${p}-${s}-${n}`, name: `p${p}-s${s}-${n}`, projectName: `p${p}`, serviceName: `s${s}`, number: n, oneoff: false,
      state: 'running', health: 'none', networks: { [`p${p}_default`]: { ipv4: `10.${p}.${s}.${n + 1}` } }, aliases: {}, links: [], instance: 'default' });
  }
  const table = new RecordTable(containers);
  const handler = createQueryHandler({ table: () => table, upstream: createUpstream({ servers: [] }), warn: () => undefined });
  const listener = await listenDns({ address: '127.0.0.1', port: 0, handler, warn: () => undefined });
  process.stdout.write(`${listener.port}\n`);
}

function startServer() {
  const usesSource = !existsSync(join(root, 'dist', 'dns', 'records.js'));
  const args = [...(usesSource ? ['--import', 'tsx'] : []), fileURLToPath(import.meta.url), 'serve'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error('bench DNS server did not start')); }, 20_000);
    child.stdout.once('data', (d) => { clearTimeout(timer); resolve({ port: Number(String(d).trim()), stop: () => child.kill() }); });
    child.once('exit', (code) => reject(new Error(`bench DNS server exited ${code}`)));
  });
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Send `total` queries keeping `window` in flight; resolve with per-query latencies (ms) and elapsed time. */
function burst(port, names, total, window) {
  const socket = dgram.createSocket('udp4');
  const packets = names.map((name) => dnsPacket.encode({ type: 'query', id: 0, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] }));
  const sentAt = new Float64Array(65536);
  const latencies = [];
  let sent = 0, received = 0, lost = 0, nextId = 0;
  const inflight = new Set();
  return new Promise((resolve) => {
    const started = performance.now();
    const finish = () => { clearInterval(watchdog); socket.close(); resolve({ latencies, lost, elapsedMs: performance.now() - started }); };
    const sendOne = () => {
      const id = nextId; nextId = (nextId + 1) & 0xffff;
      const buf = Buffer.from(packets[sent % packets.length]);
      buf.writeUInt16BE(id, 0);
      sentAt[id] = performance.now();
      inflight.add(id);
      sent++;
      socket.send(buf, port, '127.0.0.1');
    };
    socket.on('message', (msg) => {
      const id = msg.readUInt16BE(0);
      if (!inflight.delete(id)) return;
      latencies.push(performance.now() - sentAt[id]);
      received++;
      if (sent < total) sendOne();
      else if (inflight.size === 0) finish();
    });
    // A lost datagram would stall the window: count queries older than 1 s as lost and refill.
    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const id of inflight) if (now - sentAt[id] > 1000) { inflight.delete(id); lost++; if (sent < total) sendOne(); }
      if (sent >= total && inflight.size === 0) finish();
    }, 200);
    socket.bind(0, '127.0.0.1', () => { for (let i = 0; i < window && sent < total; i++) sendOne(); });
  });
}

async function main() {
  const total = Number(process.env.BENCH_DNS_QUERIES ?? 100_000);
  const window = Number(process.env.BENCH_DNS_WINDOW ?? 16);
  const external = process.env.BENCH_DNS_PORT ? { port: Number(process.env.BENCH_DNS_PORT), stop() {} } : undefined;
  const server = external ?? await startServer();
  const names = process.env.BENCH_DNS_NAMES?.split(',') ?? Array.from({ length: PROJECTS * SERVICES }, (_, i) => `s${i % SERVICES}.p${Math.floor(i / SERVICES)}`);
  try {
    await burst(server.port, names, Math.min(5000, total), window); // warm-up (JIT, socket buffers)
    const { latencies, lost, elapsedMs } = await burst(server.port, names, total, window);
    const sorted = Float64Array.from(latencies).sort();
    const qps = Math.round(latencies.length / (elapsedMs / 1000));
    console.log(`DNS loopback burst: ${latencies.length} answered, ${lost} lost, ${window} in flight, ${cpus().length} cores, server ${external ? `:${server.port}` : 'synthetic table (child process)'}`);
    console.log(`  ${qps} queries/s   p50 ${percentile(sorted, 0.5).toFixed(3)} ms   p99 ${percentile(sorted, 0.99).toFixed(3)} ms   max ${sorted[sorted.length - 1].toFixed(3)} ms`);
    console.log(`  targets: >= 20000 q/s ${qps >= 20_000 ? 'met' : 'MISSED'}, p99 < 2 ms ${percentile(sorted, 0.99) < 2 ? 'met' : 'MISSED'}`);
  } finally {
    server.stop();
  }
}

if (process.argv[2] === 'serve') await serve(); else await main();
