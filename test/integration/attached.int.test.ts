/** Attached `up`: prefixed logs, graceful Ctrl+C (exit 130), and the exit-code flags. */
import { describe, expect, it } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/eventually.js';
import { startCli } from '../helpers/cli.js';

const BB = 'tcompose/busybox:latest';

describe('attached up', () => {
  it('streams prefixed logs, and Ctrl+C stops the containers gracefully with exit code 130', async () => {
    const s = await scenario('tc-attach', { 'compose.yaml': `services:\n  ticker:\n    image: ${BB}\n    init: true\n    command: ["sh", "-c", "while true; do echo tick; sleep 0.2; done"]\n` });
    const proc = startCli(['-p', s.projectName, 'up'], { cwd: s.dir });
    await eventually(() => expect(proc.output().stdout).toMatch(/^ticker-1 +\| tick$/m), 20_000);
    const code = await proc.stop('SIGINT');
    expect(code).toBe(130);
    expect(proc.output().stderr).toContain('Gracefully Stopping... press Ctrl+C again to force');
    const [c] = await s.containers();
    expect(c!.state).toBe('exited');
  });

  it('--abort-on-container-exit stops everything when one container exits and returns its code', async () => {
    const s = await scenario('tc-abort', { 'compose.yaml': `services:\n  quick:\n    image: ${BB}\n    command: ["sh", "-c", "sleep 1; exit 3"]\n  long:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n` });
    const r = await s.cli(['up', '--abort-on-container-exit']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Aborting on container exit');
    const states = (await s.containers()).map((c) => c.state);
    expect(states).toEqual(['exited', 'exited']);
  });

  it('--exit-code-from returns the named service\'s exit code', async () => {
    const s = await scenario('tc-exitcode', { 'compose.yaml': `services:\n  tests:\n    image: ${BB}\n    command: ["sh", "-c", "echo running tests; exit 5"]\n  db:\n    image: ${BB}\n    init: true\n    command: ["sleep", "3600"]\n` });
    const r = await s.cli(['up', '--exit-code-from', 'tests']);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toMatch(/^tests-1 +\| running tests$/m);
  });

  it('ends with 0 when every container exits on its own', async () => {
    const s = await scenario('tc-allexit', { 'compose.yaml': `services:\n  once:\n    image: ${BB}\n    command: ["echo", "done"]\n` });
    const r = await s.cli(['up']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^once-1 +\| done$/m);
  });
});
