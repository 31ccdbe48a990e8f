// Runs the shared conformance suite against the built CLI and fails if any suite passes fewer cases than the
// baseline kept in conformance/baseline.json. `--update` raises the baseline to the current scores.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runner = join(root, '..', 'shared', 'conformance', 'run.mjs');
const baselineFile = join(root, 'conformance', 'baseline.json');
if (!existsSync(runner)) {
  console.log(`conformance: ${runner} not found, skipped`);
  process.exit(0);
}
// The runner only runs when started by its real path (it compares argv[1] with its own URL): ../shared is often a link.
const runnerPath = realpathSync(runner);
const output = execFileSync(process.execPath, [runnerPath, '--cli', join(root, 'bin', 'tcompose.js'), '--report', join(tmpdir(), 'tcompose-conformance-report.txt')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const scores = {};
for (const m of output.matchAll(/^(\w+): (\d+) passed, (\d+) failed$/gm)) if (m[1] !== 'total') scores[m[1]] = { passed: Number(m[2]), total: Number(m[2]) + Number(m[3]) };
const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {};
let regressed = false;
for (const [suite, s] of Object.entries(scores)) {
  const floor = baseline[suite]?.passed ?? 0;
  const pct = ((s.passed / s.total) * 100).toFixed(1);
  const mark = s.passed < floor ? `REGRESSION (baseline ${floor})` : s.passed > floor ? `up from ${floor}` : 'at baseline';
  if (s.passed < floor) regressed = true;
  console.log(`conformance ${suite}: ${s.passed}/${s.total} (${pct}%) ${mark}`);
}
if (process.argv.includes('--update')) {
  writeFileSync(baselineFile, `${JSON.stringify(scores, null, 2)}\n`);
  console.log(`baseline written to ${baselineFile}`);
}
if (Object.keys(scores).length === 0) {
  console.log('conformance: the runner printed no scores');
  process.exit(1);
}
process.exit(regressed ? 1 : 0);
