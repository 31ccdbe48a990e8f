/**
 * Attached `up` in a terminal: the progress frame stays, then "Attaching to …", prefixed logs, and Ctrl+C typed
 * into the pty (the terminal turns it into SIGINT) stops the project with its progress on screen.
 */
import { describe, it, expect } from 'vitest';
import { scenario, type Scenario } from '../helpers/scenario.js';
import { runInTerminal, repeatedResources, maskTimers, type TerminalRun } from './terminal.js';

const BB = 'tcompose/busybox:latest';

function masked(lines: string[], s: Scenario): string[] {
  return maskTimers(lines.map((l) => l.replaceAll(s.projectName, 'tcty-PROJECT!')));
}

/** b depends on a, so the stop goes b then a (reverse dependency order). */
const twoServices = (a: string) => `services:
  a:
    image: ${BB}
${a}
  b:
    image: ${BB}
    init: true
    command: ["sleep", "3600"]
    depends_on: [a]
`;

async function containerStates(s: Scenario): Promise<string[]> {
  return (await s.containers()).map((c) => c.state).sort();
}

function expectNoRepeatedRows(t: TerminalRun): void {
  for (const frame of t.frames) expect(repeatedResources(frame)).toEqual([]);
}

describe('attached up in a terminal', () => {
  it('Ctrl+C: "Gracefully Stopping..." then the stop progress, every container stopped, exit 130', async () => {
    const s = await scenario('tcty', { 'compose.yaml': twoServices('    init: true\n    command: ["sh", "-c", "echo hello from a; exec sleep 3600"]') });
    const t = runInTerminal(['-p', s.projectName, 'up'], { cols: 80, rows: 30, cwd: s.dir });
    await t.waitForText('a-1  | hello from a');
    t.type('\x03');
    expect(await t.exited).toBe(130);
    expectNoRepeatedRows(t);
    const lines = masked(t.lines(), s);
    const row = (id: string) => ` ✔ ${id.padEnd(29)} Created`.padEnd(76) + '0.0s';
    // What happens before Ctrl+C comes in one order only.
    expect(lines.slice(0, 7)).toEqual([
      '[+] up 3/3',
      row('Network tcty-PROJECT!_default'),
      row('Container tcty-PROJECT!-a-1'),
      row('Container tcty-PROJECT!-b-1'),
      'Attaching to a-1, b-1',
      'a-1  | hello from a',
      // The terminal echoes the Ctrl+C as ^C, as it does for docker compose.
      '^CGracefully Stopping... press Ctrl+C again to force',
    ]);
    // Then the stop, b before a; each container's exit line comes from the engine's event stream, which may
    // overtake or trail the line saying its stop call returned.
    const stop = lines.slice(7);
    expect([...stop].sort()).toEqual([
      'Container tcty-PROJECT!-a-1 Stopped ',
      'Container tcty-PROJECT!-a-1 Stopping ',
      'Container tcty-PROJECT!-b-1 Stopped ',
      'Container tcty-PROJECT!-b-1 Stopping ',
      'a-1 exited with code 143',
      'b-1 exited with code 143',
    ]);
    const at = (line: string) => stop.indexOf(line);
    expect(at('Container tcty-PROJECT!-b-1 Stopping ')).toBeLessThan(at('Container tcty-PROJECT!-b-1 Stopped '));
    expect(at('Container tcty-PROJECT!-b-1 Stopped ')).toBeLessThan(at('Container tcty-PROJECT!-a-1 Stopping '));
    expect(at('Container tcty-PROJECT!-a-1 Stopping ')).toBeLessThan(at('Container tcty-PROJECT!-a-1 Stopped '));
    expect(await containerStates(s)).toEqual(['exited', 'exited']);
  });

  it('a second Ctrl+C does not wait for the graceful stop: it kills the containers', async () => {
    // `a` ignores SIGTERM (no init, a shell trapping it): a graceful stop would wait its whole 10 s timeout.
    const s = await scenario('tcty', { 'compose.yaml': twoServices(`    command: ["sh", "-c", "trap '' TERM; echo stubborn; while true; do sleep 1; done"]`) });
    const t = runInTerminal(['-p', s.projectName, 'up'], { cols: 80, rows: 30, cwd: s.dir });
    await t.waitForText('a-1  | stubborn');
    t.type('\x03');
    await t.waitForText('Container tcty-PROJECT!-a-1 Stopping '.replace('tcty-PROJECT!', s.projectName));
    t.type('\x03');
    expect(await t.exited).toBe(130);
    expectNoRepeatedRows(t);
    const lines = masked(t.lines(), s);
    // Docker compose's event lines end with a space (an empty details field); the second ^C is echoed before them.
    expect(lines, lines.join('\n')).toContain('^CContainer tcty-PROJECT!-a-1 Killing ');
    expect(lines).toContain('Container tcty-PROJECT!-a-1 Killed ');
    expect(lines.filter((l) => l.includes('b-1 Killing'))).toEqual([]);
    expect(lines).toContain('a-1 exited with code 137');
    expect(await containerStates(s)).toEqual(['exited', 'exited']);
  });

  it('"X exited with code N" for a container that ends on its own, and up ends when all have', async () => {
    const s = await scenario('tcty', { 'compose.yaml': `services:\n  job:\n    image: ${BB}\n    command: ["sh", "-c", "echo working; exit 3"]\n` });
    const t = runInTerminal(['-p', s.projectName, 'up'], { cols: 80, rows: 24, cwd: s.dir });
    expect(await t.exited).toBe(0);
    expect(masked(t.lines(), s).slice(2)).toEqual([
      ' ✔ Container tcty-PROJECT!-job-1 Created'.padEnd(76) + '0.0s',
      'Attaching to job-1',
      'job-1  | working',
      'job-1 exited with code 3',
    ]);
  });
});

describe('colors in a terminal', () => {
  const job = `services:\n  job:\n    image: ${BB}\n    command: ["sh", "-c", "echo working; exit 3"]\n`;

  it('colors prefixes (cyan first), check marks (green) and timers (blue) by default', async () => {
    const s = await scenario('tcty', { 'compose.yaml': job });
    const t = runInTerminal(['-p', s.projectName, 'up'], { cols: 80, rows: 24, cwd: s.dir, env: { NO_COLOR: undefined } });
    expect(await t.exited).toBe(0);
    expect(t.foreground('job-1  | ')).toBe(6);
    expect(t.foreground('✔')).toBe(2);
    expect(t.foreground('job-1 exited with code 3')).toBe(6);
  });

  for (const [how, env, args] of [['NO_COLOR=1', { NO_COLOR: '1' }, []], ['--ansi never', { NO_COLOR: undefined }, ['--ansi', 'never']]] as const) {
    it(`${how}: not one colored cell`, async () => {
      const s = await scenario('tcty', { 'compose.yaml': job });
      const t = runInTerminal([...args, '-p', s.projectName, 'up'], { cols: 80, rows: 24, cwd: s.dir, env });
      expect(await t.exited).toBe(0);
      for (const text of ['job-1  | working', 'job-1 exited with code 3', 'Container']) expect(t.foreground(text)).toBe('default');
    });
  }

  it('--ansi never draws no frame: plain lines, as docker compose does', async () => {
    const s = await scenario('tcty', { 'compose.yaml': job });
    const t = runInTerminal(['--ansi', 'never', '-p', s.projectName, 'up', '-d'], { cols: 80, rows: 24, cwd: s.dir });
    expect(await t.exited).toBe(0);
    expect(masked(t.lines(), s)).toEqual([
      ' Network tcty-PROJECT!_default Creating ',
      ' Network tcty-PROJECT!_default Created ',
      ' Container tcty-PROJECT!-job-1 Creating ',
      ' Container tcty-PROJECT!-job-1 Created ',
      ' Container tcty-PROJECT!-job-1 Starting ',
      ' Container tcty-PROJECT!-job-1 Started ',
    ]);
  });
});
