// `npm run bench`: tcompose against Debian's docker-compose 1.29.2 and against the floor (the same Engine API
// calls made directly, in parallel), interleaved, several repetitions; prints one table and writes RESULTS.md.
// Bounded: every scenario has a fixed repetition count and every process a timeout.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile, rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { median, spread, run, tcompose, sleepersYaml, projectDir, fmtMs, root, work } from './lib.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '10,50,100').split(',').map(Number);
/** More rounds at 10 services: short, and the noisiest relative to their length. */
const repsFor = (n) => (n <= 10 ? REPS + 2 : REPS);
const LONG = { timeoutMs: 900_000 };
const rows = [];

function ensureDockerCompose() {
  try { execFileSync('docker-compose', ['version'], { stdio: 'ignore' }); return; } catch { /* install below */ }
  console.error('installing Debian docker-compose (1.29.2) for the comparison…');
  execFileSync('apt-get', ['install', '-y', '-qq', 'docker-compose', 'time'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const dc = (dir, project, args) => run('docker-compose', ['-p', project, ...args], { cwd: dir, env: { COMPOSE_PARALLEL_LIMIT: '64' }, ...LONG });
/**
 * docker-compose 1.29 has hung at 100 services on this machine (it takes under 20 s when it does not): a round
 * over 90 s is recorded as not finished, and so is a failure, with its last words.
 */
async function dcBounded(dir, project, args, note) {
  const r = await run('docker-compose', ['-p', project, ...args], { cwd: dir, env: { COMPOSE_PARALLEL_LIMIT: '64' }, timeoutMs: 90_000, allowFailure: true });
  if (r.code === 0) return r.ms;
  const said = r.stderr.trim().split('\n').filter(Boolean).pop()?.slice(0, 200) ?? '';
  note.push(`docker-compose ${args.join(' ')} (${project}) ${r.code === null ? 'was killed after 90 s' : `exited ${r.code}: ${said}`}`);
  await tc(dir, project, ['down', '-t', '0']).catch(() => undefined); // labels are compatible: tcompose cleans up after it
  return undefined;
}
const notes = [];
// Both tools with their default output for a pipe (plain progress lines).
const tc = (dir, project, args) => tcompose(['-p', project, ...args], { cwd: dir, ...LONG });
const floor = (mode, project, n) => run(process.execPath, [join(root, 'bench', 'floor.mjs'), mode, project, String(n)]);

function record(scenario, tool, samples, extra = {}) {
  rows.push({ scenario, tool, median: median(samples), spread: spread(samples), n: samples.length, ...extra });
}

/** Written after every scenario, so a failure late in the run keeps what was measured. */
async function save(note = '') {
  const engineVersion = execFileSync('docker', ['version', '--format', '{{.Server.Version}}']).toString().trim();
  const header = `# tcompose benchmark results\n\nDate: ${new Date().toISOString()}\nMachine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, engine ${engineVersion}, Node ${process.version}\nRepetitions: ${REPS} (${REPS + 2} at 10 services), interleaved in rotating order; ${note}\n\n`;
  const noted = notes.length ? `\n## Rounds that did not finish\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : '';
  await writeFile(join(root, 'bench', process.env.BENCH_ONLY ? 'RESULTS-partial.md' : 'RESULTS.md'), header + table() + noted);
}

async function upDownScenario(n) {
  const dir = await projectDir(`up${n}`, { 'compose.yaml': sleepersYaml(n) });
  const s = { tc: { up: [], noop: [], down: [] }, dc: { up: [], noop: [], down: [] }, floor: { up: [], down: [] }, cold: [] };
  const push = (list, ms) => { if (ms !== undefined) list.push(ms); };
  for (let rep = 0; rep < repsFor(n); rep++) {
    // Interleaved, and the order rotates each repetition: the engine finishes some cleanup after a `down` returns,
    // and whichever tool came next would otherwise always pay for it.
    const p = `bench-${n}-${rep}`;
    const rounds = [
      async () => {
        s.floor.up.push((await floor('up', `${p}f`, n)).ms);
        s.floor.down.push((await floor('down', `${p}f`, n)).ms);
      },
      async () => {
        if (n === 10) {
          // The DNS daemon is resident between runs; this is the first `up` on a host where it is not running yet.
          await tcompose(['dns', 'stop']);
          s.cold.push((await tc(dir, `${p}c`, ['up', '-d'])).ms);
          await tc(dir, `${p}c`, ['down', '-t', '0']);
        }
        s.tc.up.push((await tc(dir, `${p}t`, ['up', '-d'])).ms);
        s.tc.noop.push((await tc(dir, `${p}t`, ['up', '-d'])).ms);
        s.tc.down.push((await tc(dir, `${p}t`, ['down', '-t', '0'])).ms);
      },
      async () => {
        const up = await dcBounded(dir, `${p}d`, ['up', '-d'], notes);
        push(s.dc.up, up);
        if (up === undefined) return;
        push(s.dc.noop, await dcBounded(dir, `${p}d`, ['up', '-d'], notes));
        push(s.dc.down, await dcBounded(dir, `${p}d`, ['down', '-t', '0'], notes));
      },
    ];
    for (let i = 0; i < rounds.length; i++) await rounds[(rep + i) % rounds.length]();
  }
  const fu = median(s.floor.up);
  const fd = median(s.floor.down);
  const ratio = (a, b) => (a.length && b.length ? median(a) / median(b) : undefined);
  record(`up -d, ${n} services`, 'floor', s.floor.up);
  record(`up -d, ${n} services`, 'docker-compose', s.dc.up, { vsFloor: ratio(s.dc.up, s.floor.up) });
  record(`up -d, ${n} services`, 'tcompose', s.tc.up, { vsFloor: median(s.tc.up) / fu, vsDc: ratio(s.tc.up, s.dc.up), target: '≤1.05× floor, ≤0.8× docker-compose' });
  if (s.cold.length) record(`up -d, ${n} services`, 'tcompose, DNS daemon not yet running', s.cold, { vsFloor: median(s.cold) / fu, vsDc: ratio(s.cold, s.dc.up) });
  record(`no-op up -d, ${n} services`, 'docker-compose', s.dc.noop);
  record(`no-op up -d, ${n} services`, 'tcompose', s.tc.noop, { vsDc: ratio(s.tc.noop, s.dc.noop), target: '≤0.2× docker-compose' });
  record(`down -t 0, ${n} services`, 'floor', s.floor.down);
  record(`down -t 0, ${n} services`, 'docker-compose', s.dc.down, { vsFloor: ratio(s.dc.down, s.floor.down) });
  record(`down -t 0, ${n} services`, 'tcompose', s.tc.down, { vsFloor: median(s.tc.down) / fd, vsDc: ratio(s.tc.down, s.dc.down), target: '≤1.05× floor' });
}

/** The healthcheck DAG: a critical path db(2s) → api(1s) → web, plus side branches that finish earlier. */
function dagYaml(withBranches) {
  const svc = (name, delay, deps) => `  ${name}:\n    image: tcompose/busybox:latest\n    init: true\n    command: ["sh", "-c", "sleep ${delay}; touch /tmp/ready; exec sleep 3600"]\n    healthcheck:\n      test: ["CMD", "test", "-f", "/tmp/ready"]\n      interval: 100ms\n      start_period: 30s\n      retries: 50\n${deps.length ? `    depends_on:\n${deps.map((d) => `      ${d}:\n        condition: service_healthy\n`).join('')}` : ''}`;
  let y = 'services:\n' + svc('db', 2, []) + svc('api', 1, ['db']) + svc('web', 0, ['api']);
  if (withBranches) y += svc('cache', 1, []) + svc('worker', 1, ['cache']);
  return y;
}

async function dagScenario() {
  const dagDir = await projectDir('dag', { 'compose.yaml': dagYaml(true) });
  const chainDir = await projectDir('chain', { 'compose.yaml': dagYaml(false) });
  const dag = [];
  const chain = [];
  for (let rep = 0; rep < REPS; rep++) {
    chain.push((await tc(chainDir, `bench-chain-${rep}`, ['up', '-d', '--wait'])).ms);
    await tc(chainDir, `bench-chain-${rep}`, ['down', '-t', '0']);
    dag.push((await tc(dagDir, `bench-dag-${rep}`, ['up', '-d', '--wait'])).ms);
    await tc(dagDir, `bench-dag-${rep}`, ['down', '-t', '0']);
  }
  record('healthcheck DAG (5 services) vs its critical path alone', 'critical path (chain)', chain);
  record('healthcheck DAG (5 services) vs its critical path alone', 'tcompose', dag, { vsFloor: median(dag) / median(chain), target: '≤1.15× critical path' });
}

async function configScenario() {
  let base = 'services:\n';
  let o1 = 'services:\n';
  let o2 = 'services:\n';
  for (let i = 0; i < 200; i++) {
    base += `  s${i}:\n    image: tcompose/busybox:latest\n    ports: ["${10000 + i}:80"]\n    environment:\n      A: "\${A_${i}:-x}"\n    depends_on: [${i ? `s${i - 1}` : ''}]\n`.replace('    depends_on: []\n', '');
    o1 += `  s${i}:\n    environment:\n      B: "1"\n    labels: [a=b]\n`;
    o2 += `  s${i}:\n    command: ["sleep", "${i}"]\n`;
  }
  const dir = await projectDir('config200', { 'compose.yaml': base, 'o1.yaml': o1, 'o2.yaml': o2 });
  const args = ['-f', 'compose.yaml', '-f', 'o1.yaml', '-f', 'o2.yaml', 'config'];
  const t = [], d = [], n = [];
  for (let rep = 0; rep < REPS + 2; rep++) {
    n.push((await run(process.execPath, ['-e', '0'])).ms);
    t.push((await tcompose(args, { cwd: dir, stdout: 'ignore' })).ms);
    d.push((await run('docker-compose', args, { cwd: dir })).ms);
  }
  record('config, 200 services + 2 overrides', 'node -e 0', n);
  record('config, 200 services + 2 overrides', 'docker-compose', d);
  record('config, 200 services + 2 overrides', 'tcompose', t, { vsFloor: median(t) / median(n), vsDc: median(t) / median(d) });
}

async function psAndRssScenario() {
  const dir = await projectDir('ps100', { 'compose.yaml': sleepersYaml(100) });
  const rss = (await run('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin', 'tcompose.js'), '-p', 'bench-ps', 'up', '-d'], { cwd: dir })).stderr.trim().split('\n').pop();
  const t = [], d = [];
  for (let rep = 0; rep < REPS + 2; rep++) {
    t.push((await tc(dir, 'bench-ps', ['ps'])).ms);
    const ms = await dcBounded(dir, 'bench-ps', ['ps'], notes);
    if (ms !== undefined) d.push(ms);
  }
  await tc(dir, 'bench-ps', ['down', '-t', '0']);
  record('ps, 100 containers', 'docker-compose', d);
  record('ps, 100 containers', 'tcompose', t, { vsDc: median(t) / median(d) });
  record('peak RSS of `up -d`, 100 services', 'tcompose', [Number(rss) / 1024], { unit: 'MB', target: '< 150 MB' });
}

async function logsScenario() {
  let y = 'services:\n';
  for (let i = 0; i < 10; i++) y += `  l${i}:\n    image: tcompose/busybox:latest\n    command: ["sh", "-c", "i=0; while [ $$i -lt 10000 ]; do echo line $$i of service ${i}; i=$$((i+1)); done"]\n`;
  const dir = await projectDir('logs', { 'compose.yaml': y });
  await tc(dir, 'bench-logs', ['up', '-d', '--wait']).catch(() => undefined);
  await tc(dir, 'bench-logs', ['up', '-d']);
  // Wait for every writer to finish: all ten containers exited.
  for (let i = 0; i < 100; i++) {
    const ps = await tc(dir, 'bench-logs', ['ps', '--format', 'json', '-a']);
    if (ps.stdout.trim().split('\n').filter((l) => l.includes('"State":"exited"')).length === 10) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const ids = (await tc(dir, 'bench-logs', ['ps', '-a', '-q'])).stdout.trim().split('\n');
  const t = [], d = [];
  for (let rep = 0; rep < REPS + 2; rep++) {
    t.push((await tc(dir, 'bench-logs', ['logs'], { stdout: 'ignore' })).ms);
    const started = Date.now();
    await Promise.all(ids.map((id) => run('docker', ['logs', id], { stdout: 'ignore' })));
    d.push(Date.now() - started);
  }
  await tc(dir, 'bench-logs', ['down', '-t', '0']);
  const lines = 100_000;
  record('logs, 10 services × 10,000 lines (lines/s)', 'docker logs (parallel)', d.map((ms) => lines / (ms / 1000)), { unit: 'lines/s' });
  record('logs, 10 services × 10,000 lines (lines/s)', 'tcompose', t.map((ms) => lines / (ms / 1000)), { unit: 'lines/s', vsFloor: median(d) / median(t), target: '≥ docker logs' });
}

function table() {
  const head = '| scenario | tool | median | spread | runs | vs floor/baseline | vs docker-compose | target |\n|---|---|---|---|---|---|---|---|\n';
  return head + rows.map((r) => `| ${r.scenario} | ${r.tool} | ${!r.n ? 'did not finish' : r.unit === 'MB' ? `${r.median.toFixed(0)} MB` : r.unit === 'lines/s' ? `${Math.round(r.median).toLocaleString('en')} lines/s` : fmtMs(r.median)} | ${r.n ? `±${r.spread.toFixed(0)}%` : ''} | ${r.n} | ${r.vsFloor ? `${r.vsFloor.toFixed(2)}×` : ''} | ${r.vsDc ? `${r.vsDc.toFixed(2)}×` : ''} | ${r.target ?? ''} |`).join('\n') + '\n';
}

async function main() {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  ensureDockerCompose();
  const started = Date.now();
  const all = { ...Object.fromEntries(SIZES.map((n) => [`up${n}`, () => upDownScenario(n)])), dag: dagScenario, config: configScenario, ps: psAndRssScenario, logs: logsScenario };
  // BENCH_ONLY=dag,config runs a subset (results go to bench/RESULTS-partial.md then, keeping the full table).
  const only = process.env.BENCH_ONLY?.split(',');
  const scenarios = Object.entries(all).filter(([name]) => !only || only.includes(name)).map(([, run]) => run);
  try {
    for (const scenario of scenarios) {
      await scenario();
      await save(`in progress, ${((Date.now() - started) / 1000).toFixed(0)} s so far`);
    }
    await save(`total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.stdout.write(table());
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
