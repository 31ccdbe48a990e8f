import { describe, it, expect } from 'vitest';
import type { ProgressEvent } from '../../model/events.js';
import { ProgressBoard } from './progress-board.js';
import { ttyFrame } from './tty-frame.js';
import { humanSize } from './human-size.js';

function boardAt(events: Array<[number, ProgressEvent]>, now: number, options: { hideStarts?: boolean } = {}) {
  let clock = 0;
  const board = new ProgressBoard({ now: () => clock, ...options });
  for (const [at, e] of events) { clock = at; board.apply(e); }
  clock = now;
  return board;
}

const ev = (resource: string, status: ProgressEvent['status'], text: string, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({ resource, status, text, ...extra });
const frame = (board: ProgressBoard, width = 60, height = 24, tick = 0) => ttyFrame(board, { operation: 'up', width, height, color: false, tick });

describe('TTY progress frame', () => {
  it('shows a header with done/total and one aligned row per resource, timers flush right', () => {
    const board = boardAt([
      [0, ev('Network p_default', 'working', 'Creating')],
      [100, ev('Network p_default', 'done', 'Created')],
      [100, ev('Container p-web-1', 'working', 'Creating')],
      [700, ev('Container p-web-1', 'done', 'Created')],
      [700, ev('Container p-web-1', 'working', 'Starting')],
    ], 1300);
    expect(frame(board)).toEqual([
      '[+] up 1/2',
      ' ✔ Network p_default Created                            0.1s',
      ' ⠋ Container p-web-1 Starting                           1.2s',
    ]);
  });

  it('keeps one row per resource however many events it gets, and its timer stops when it is done', () => {
    const board = boardAt([
      [0, ev('Container p-web-1', 'working', 'Creating')],
      [200, ev('Container p-web-1', 'done', 'Created')],
      [200, ev('Container p-web-1', 'working', 'Starting')],
      [500, ev('Container p-web-1', 'done', 'Started')],
      [500, ev('Container p-web-1', 'working', 'Waiting')],
      [2500, ev('Container p-web-1', 'done', 'Healthy')],
    ], 9000);
    expect(frame(board, 40)).toEqual(['[+] up 1/1', ' ✔ Container p-web-1 Healthy        2.5s']);
  });

  it('attached up leaves Starting/Started to the logs: the row keeps Created', () => {
    const board = boardAt([
      [0, ev('Container p-web-1', 'working', 'Creating')],
      [300, ev('Container p-web-1', 'done', 'Created')],
      [300, ev('Container p-web-1', 'working', 'Starting')],
      [400, ev('Container p-web-1', 'done', 'Started')],
    ], 1000, { hideStarts: true });
    expect(frame(board, 40)).toEqual(['[+] up 1/1', ' ✔ Container p-web-1 Created        0.3s']);
  });

  it('cuts the list to the terminal height with "... N more", never taller than height - 1', () => {
    const events: Array<[number, ProgressEvent]> = [];
    for (let i = 1; i <= 12; i++) events.push([0, ev(`Container p-s${String(i).padStart(2, '0')}-1`, 'done', 'Started')]);
    const lines = frame(boardAt(events, 0), 40, 10);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('[+] up 12/12');
    expect(lines.slice(1, 8).map((l) => l.trim().split(/ +/)[2])).toEqual(['p-s01-1', 'p-s02-1', 'p-s03-1', 'p-s04-1', 'p-s05-1', 'p-s06-1', 'p-s07-1']);
    expect(lines[8]).toBe(' ... 5 more'.padEnd(40));
  });

  it('fits narrow terminals: details go first, then the id is shortened, and no row is wider than the terminal', () => {
    const board = boardAt([
      [0, ev('Container a-very-long-project-name-and-service-1', 'error', 'Error', { detail: 'port is already allocated by another container' })],
      [0, ev('Network n', 'done', 'Created')],
    ], 0);
    const wide = frame(board, 120);
    expect(wide[1]).toBe(' ✘ Container a-very-long-project-name-and-service-1 Error port is already allocated by another container'.padEnd(116) + '0.0s');
    for (const width of [30, 40, 60, 80]) {
      const lines = frame(board, width);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      expect(lines[2]).toMatch(/^ ✔ Network n +Created +0\.0s$/);
    }
    expect(frame(board, 60).slice(1)).toEqual([
      ' ✘ Container a-very-long-project-name-and-se... Error   0.0s',
      ' ✔ Network n                                    Created 0.0s',
    ]);
    expect(frame(board, 30)[1]).toBe(' ✘ Container a... Error   0.0s');
  });

  it('shows a pull as one row with its layers as a bar and the bytes so far, sizes dropped before the id is cut', () => {
    const image = 'Image registry.local/app:1';
    const board = boardAt([
      [0, ev(image, 'working', 'Pulling')],
      [0, ev('aaa', 'working', 'Downloading', { parentId: image, current: 1_500_000, total: 3_000_000, percent: 50 })],
      [0, ev('bbb', 'done', 'Download complete', { parentId: image, current: 2_000_000, total: 2_000_000, percent: 100 })],
    ], 1000);
    expect(frame(board, 70)).toEqual([
      '[+] up 1/3',
      ' ⠋ Image registry.local/app:1 [⣤⣿]   3.5MB / 5MB     Pulling      1.0s',
    ]);
    expect(frame(board, 50)[1]).toBe(' ⠋ Image registry.local/app:1 [⣤⣿] Pulling    1.0s');
  });

  it('colors states, spinners and timers as docker compose does', () => {
    const board = boardAt([[0, ev('Network n', 'done', 'Created')], [0, ev('Container c', 'error', 'Error')]], 0);
    const [, ok, failed] = ttyFrame(board, { operation: 'up', width: 30, height: 24, color: true, tick: 0 });
    expect(ok).toBe(' \x1b[32m✔\x1b[0m Network n   \x1b[32mCreated\x1b[0m    \x1b[34m0.0s\x1b[0m');
    expect(failed).toBe(' \x1b[31;1m✘\x1b[0m Container c \x1b[31;1mError\x1b[0m      \x1b[34m0.0s\x1b[0m');
  });
});

describe('humanSize', () => {
  it('prints bytes as docker does (powers of 1000, four significant digits)', () => {
    expect([0, 999, 1000, 1234567, 5_000_000, 12_345_678_901].map(humanSize)).toEqual(['0B', '999B', '1kB', '1.235MB', '5MB', '12.35GB']);
  });
});
