// Shared bench helpers: timing, statistics, project generation, process runners. Bounded and loopback-only.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const work = join(root, 'bench', '.work');
export const cli = join(root, 'bin', 'tcompose.js');
export const IMAGE = 'tcompose/busybox:latest';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Spread as (max - min) / median, in percent. */
export function spread(xs) {
  const m = median(xs);
  return m ? ((Math.max(...xs) - Math.min(...xs)) / m) * 100 : 0;
}

export function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 && !options.allowFailure) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      else resolve({ ms, code, stdout: out, stderr: err });
    });
  });
}

export function tcompose(args, options = {}) {
  return run(process.execPath, [cli, ...args], { ...options, env: { NO_COLOR: '1', ...options.env } });
}

/** A compose file of `n` independent busybox services that sleep. */
export function sleepersYaml(n, { healthy = false } = {}) {
  let y = 'services:\n';
  for (let i = 0; i < n; i++) {
    y += `  s${i}:\n    image: ${IMAGE}\n    command: ["sleep", "3600"]\n    init: true\n`;
    if (healthy) y += '    healthcheck:\n      test: ["CMD", "true"]\n      interval: 1s\n';
  }
  return y;
}

export async function projectDir(name, files) {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}

export function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
