// Watch latency: time from a file write on the host to the file being readable in the container (p50/p95 over
// 50 edits), and from a compose-file edit to the recreated container running. The container's filesystem is read
// from the host (overlay2 MergedDir), so the measurement adds about a millisecond, not an exec round trip.
import { spawn, execFileSync } from 'node:child_process';
import { writeFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, projectDir, tcompose, median } from './lib.mjs';

const EDITS = Number(process.env.BENCH_WATCH_EDITS ?? 50);
const project = `bench-watch-${process.pid}`;
const compose = (v) => `services:\n  app:\n    image: tcompose/busybox:latest\n    init: true\n    command: ["sleep", "3600"]\n    environment: { V: "${v}" }\n    develop:\n      watch:\n        - { action: sync, path: ./src, target: /app }\n`;

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const inspect = (name) => JSON.parse(execFileSync('docker', ['inspect', name], { encoding: 'utf8' }))[0];

async function until(check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 1));
  }
}

const dir = await projectDir(project, { 'compose.yaml': compose('1'), 'src/f.txt': 'start' });
await tcompose(['-p', project, '--progress', 'quiet', 'up', '-d'], { cwd: dir });
const watcher = spawn(process.execPath, [cli, '-p', project, 'watch', '--no-up'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => watcher.stdout.on('data', (d) => { if (String(d).includes('watching')) resolve(); }));
try {
  const merged = inspect(`${project}-app-1`).GraphDriver.Data.MergedDir;
  const sync = [];
  for (let i = 0; i < EDITS; i++) {
    const content = `edit ${i} ${Date.now()}`;
    const started = performance.now();
    await writeFile(join(dir, 'src', 'f.txt'), content);
    await until(async () => (await readFile(join(merged, 'app', 'f.txt'), 'utf8').catch(() => '')) === content);
    sync.push(performance.now() - started);
  }
  const oldId = inspect(`${project}-app-1`).Id;
  const started = performance.now();
  await writeFile(join(dir, 'compose.yaml'), compose('2'));
  await until(() => { try { const c = inspect(`${project}-app-1`); return c.Id !== oldId && c.State.Running; } catch { return false; } }, 60_000);
  const reload = performance.now() - started;
  const lines = [
    `| watch sync, file write → readable in the container (${EDITS} edits) | p50 ${median(sync).toFixed(0)} ms, p95 ${percentile(sync, 95).toFixed(0)} ms, max ${Math.max(...sync).toFixed(0)} ms | target p50 < 300 ms |`,
    `| watch reload, compose edit → recreated container running | ${reload.toFixed(0)} ms | |`,
  ];
  console.log(lines.join('\n'));
  if (process.env.BENCH_APPEND) await writeFile(process.env.BENCH_APPEND, `\n${lines.join('\n')}\n`, { flag: 'a' });
} finally {
  watcher.kill('SIGTERM');
  await tcompose(['-p', project, '--progress', 'quiet', 'down', '-t', '0'], { cwd: dir });
  await rm(dir, { recursive: true, force: true });
}
