/**
 * Runs the built CLI in a pseudo-terminal (node-pty) and feeds every byte it prints to a terminal emulator
 * (@xterm/headless): tests assert on what a user would see, the final screen and every frame on the way there.
 */
import pty from 'node-pty';
import xterm from '@xterm/headless';
import { onTestFinished } from 'vitest';
import { cliPath } from '../helpers/cli.js';
import { eventually } from '../helpers/eventually.js';

export interface TerminalOptions {
  cols: number;
  rows: number;
  cwd: string;
  env?: Record<string, string | undefined>;
}

export interface TerminalRun {
  /** Every line the terminal holds (scrollback, then the screen), right-trimmed, after each chunk of output. */
  readonly frames: string[][];
  /** The visible screen now, `rows` lines, right-trimmed. */
  screen(): string[];
  /** Scrollback and screen now, right-trimmed, trailing blank lines dropped. */
  lines(): string[];
  /** Keys, as the user types them (`\x03` is Ctrl+C: the pty turns it into SIGINT). */
  type(keys: string): void;
  /** Resolves with the exit code once the process has exited and all its output has reached the emulator. */
  readonly exited: Promise<number>;
  /** The foreground color (a palette index, or 'default') of the first cell of the first line showing the text. */
  foreground(text: string): number | 'default';
  /** Waits until the terminal shows the text (anywhere in scrollback or screen). */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
}

export function runInTerminal(args: string[], options: TerminalOptions): TerminalRun {
  const term = new xterm.Terminal({ cols: options.cols, rows: options.rows, scrollback: 5000, allowProposedApi: true });
  const env = { ...process.env, TERM: 'xterm-256color', COLUMNS: undefined, LINES: undefined, ...options.env };
  const child = pty.spawn(process.execPath, [cliPath, ...args], {
    name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd,
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
  });
  const frames: string[][] = [];
  let pending = Promise.resolve();
  const bufferLines = (from: number, to: number) => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return out;
  };
  const all = () => {
    const lines = bufferLines(0, term.buffer.active.length);
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines;
  };
  child.onData((data) => {
    // Writes are parsed asynchronously: chain them so each frame is taken after its own chunk is applied.
    pending = pending.then(() => new Promise<void>((resolve) => term.write(data, () => { frames.push(all()); resolve(); })));
  });
  const exited = new Promise<number>((resolve) => child.onExit(({ exitCode }) => { void pending.then(() => pending).then(() => resolve(exitCode)); }));
  let done = false;
  void exited.then(() => (done = true));
  onTestFinished(() => { if (!done) child.kill('SIGKILL'); term.dispose(); });
  return {
    frames,
    screen: () => bufferLines(term.buffer.active.baseY, term.buffer.active.baseY + options.rows),
    lines: all,
    type: (keys) => child.write(keys),
    foreground(text) {
      const buffer = term.buffer.active;
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i)!;
        const x = line.translateToString(true).indexOf(text);
        if (x < 0) continue;
        const cell = line.getCell(x)!;
        return cell.isFgDefault() ? 'default' : cell.getFgColor();
      }
      throw new Error(`the terminal shows no ${text}`);
    },
    exited,
    async waitForText(text, timeoutMs = 60_000) {
      await eventually(() => {
        const found = all().some((l) => (typeof text === 'string' ? l.includes(text) : text.test(l)));
        if (!found) throw new Error(`the terminal never showed ${String(text)}; it shows:\n${all().join('\n')}`);
      }, timeoutMs, 50);
    },
  };
}

/** Progress rows (` ✔ Container x-web-1  Started  0.6s`) and the resource each names. */
const ROW = /^ (?:[✔✘!⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏⠿]) ((?:Container|Network|Volume|Image) \S+)/;

export function resourceRows(lines: string[]): string[] {
  return lines.flatMap((l) => { const m = ROW.exec(l); return m ? [m[1]!] : []; });
}

/** Resources shown on more than one row of a frame (a redraw that stacked instead of replacing). */
export function repeatedResources(lines: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const r of resourceRows(lines)) (seen.has(r) ? repeated : seen).add(r);
  return [...repeated];
}

/**
 * Timers vary from run to run (and their column widens past 9.9s): the padding and timer at the end of a row
 * become a right-aligned `0.0s` of the same width, so the row still ends where it ended.
 */
export function maskTimers(lines: string[]): string[] {
  return lines.map((l) => l.replace(/ +\d+\.\ds$/, (t) => '0.0s'.padStart(t.length)));
}
