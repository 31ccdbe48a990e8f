/**
 * The TTY progress as a user sees it: tcompose in a pseudo-terminal, every byte through a terminal emulator,
 * golden final screens and checks on every frame on the way there.
 */
import { describe, it, expect } from 'vitest';
import { scenario, type Scenario } from '../helpers/scenario.js';
import { freePort } from '../helpers/ports.js';
import { runInTerminal, repeatedResources, maskTimers, type TerminalRun } from './terminal.js';

const BB = 'tcompose/busybox:latest';

/** The unique project name has a fixed length: replaced by a mask of the same length, every column stays put. */
function golden(lines: string[], s: Scenario): string[] {
  return maskTimers(lines.map((l) => l.replaceAll(s.projectName, 'tcty-PROJECT!')));
}

/** What must hold on every frame, not only the last: one row per resource, and a ✔ only on a finished state. */
function expectEveryFrameSound(t: TerminalRun): void {
  expect(t.frames.length).toBeGreaterThan(0);
  for (const frame of t.frames) {
    expect(repeatedResources(frame)).toEqual([]);
    expect(frame.filter((l) => /^ ✔ .* (Creating|Starting|Stopping|Removing|Waiting|Pulling|Building)\b/.test(l))).toEqual([]);
  }
}

/** Runs one command to its end in a terminal of that size; its final lines, masked for comparison with a golden. */
async function finalScreen(s: Scenario, args: string[], size: { cols: number; rows: number }, env?: Record<string, string>): Promise<string[]> {
  const t = runInTerminal(['-p', s.projectName, ...args], { ...size, cwd: s.dir, env });
  expect(await t.exited).toBe(0);
  expectEveryFrameSound(t);
  return golden(t.lines(), s);
}

async function hello(): Promise<{ s: Scenario; env: Record<string, string> }> {
  const s = await scenario('tcty', {}, { fixture: 'hello' });
  return { s, env: { HELLO_PORT: String(await freePort()) } };
}

describe('TTY progress of up -d and down (fixtures/hello)', () => {
  it('at 80 columns: a header with done/total, one row per resource updated in place, a complete last frame', async () => {
    const { s, env } = await hello();
    expect(await finalScreen(s, ['up', '-d'], { cols: 80, rows: 24 }, env)).toEqual([
      '[+] up 3/3',
      ' ✔ Network tcty-PROJECT!_default    Created                                 0.0s',
      ' ✔ Container tcty-PROJECT!-web-1    Healthy                                 0.0s',
      ' ✔ Container tcty-PROJECT!-pinger-1 Started                                 0.0s',
    ]);

    expect(await finalScreen(s, ['down', '-t', '0'], { cols: 80, rows: 24 })).toEqual([
      '[+] down 3/3',
      ' ✔ Container tcty-PROJECT!-pinger-1 Removed                                 0.0s',
      ' ✔ Container tcty-PROJECT!-web-1    Removed                                 0.0s',
      ' ✔ Network tcty-PROJECT!_default    Removed                                 0.0s',
    ]);
  });

  it('at 200 columns: the timers stay flush with the right edge', async () => {
    const { s, env } = await hello();
    const row = (id: string, state: string) => ` ✔ ${id.padEnd(32)} ${state}`.padEnd(196) + '0.0s';
    expect(await finalScreen(s, ['up', '-d'], { cols: 200, rows: 24 }, env)).toEqual([
      '[+] up 3/3',
      row('Network tcty-PROJECT!_default', 'Created'),
      row('Container tcty-PROJECT!-web-1', 'Healthy'),
      row('Container tcty-PROJECT!-pinger-1', 'Started'),
    ]);
    expect(await finalScreen(s, ['down', '-t', '0'], { cols: 200, rows: 24 })).toEqual([
      '[+] down 3/3',
      row('Container tcty-PROJECT!-pinger-1', 'Removed'),
      row('Container tcty-PROJECT!-web-1', 'Removed'),
      row('Network tcty-PROJECT!_default', 'Removed'),
    ]);
  });
});

describe('TTY progress on a short terminal', () => {
  it('10 rows and 13 resources: every frame fits the screen (nothing scrolls away) and ends with "... N more"', async () => {
    const services = Array.from({ length: 12 }, (_, i) => `  s${String(i + 1).padStart(2, '0')}:\n    image: ${BB}\n    command: ["sleep", "3600"]\n`).join('');
    const s = await scenario('tcty', { 'compose.yaml': `services:\n${services}` });
    const up = runInTerminal(['-p', s.projectName, 'up', '-d'], { cols: 80, rows: 10, cwd: s.dir });
    expect(await up.exited).toBe(0);
    expectEveryFrameSound(up);
    // A frame taller than the screen would scroll its first rows away and the next redraw would repeat them.
    for (const frame of up.frames) expect(frame.length).toBeLessThanOrEqual(9);
    const row = (id: string) => ` ✔ ${id} Started`.padEnd(76) + '0.0s';
    expect(golden(up.lines(), s)).toEqual([
      '[+] up 13/13',
      ' ✔ Network tcty-PROJECT!_default Created'.padEnd(76) + '0.0s',
      ...['s01', 's02', 's03', 's04', 's05', 's06'].map((n) => row(`Container tcty-PROJECT!-${n}-1`)),
      ' ... 6 more'.padEnd(80),
    ]);
  });
});
