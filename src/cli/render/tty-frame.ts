/**
 * One frame of the TTY progress, laid out as docker compose v5 lays it out (cmd/display/tty.go): a header
 * `[+] <operation> done/total`, then one row per resource ` ✔ Container x-web-1  Started  0.6s` with states and
 * timers aligned, every row cut to the terminal's width (a wrapped row would shift every redraw below it) and
 * the list cut to its height with ` ... N more` (a frame taller than the screen cannot be redrawn in place).
 */
import type { ProgressStatus } from '../../model/events.js';
import type { BoardRow, ProgressBoard } from './progress-board.js';
import { humanSize } from './human-size.js';

export interface FrameOptions {
  operation: string;
  width: number;
  height: number;
  color: boolean;
  /** Advances the working spinner (one step per redraw). */
  tick: number;
}

interface Line {
  spinner: string;
  id: string;
  /** ` [⣿⣀] ` layer bar, visible text only. */
  bar: string;
  /** ` 1.2MB / 3.4MB` after the bar, dropped first when the row is too wide. */
  size: string;
  status: string;
  statusKind: ProgressStatus;
  details: string;
  timer: string;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_CHARS = [...'⠀⡀⣀⣄⣤⣦⣶⣷⣿'];
const MIN_ID = 10;

const paint = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const palette = {
  count: paint('33'), success: paint('32'), warning: paint('33;1'), error: paint('31;1'), timer: paint('34'),
};
const len = (s: string) => [...s].length;

function statusPaint(kind: ProgressStatus): ((s: string) => string) | undefined {
  if (kind === 'done') return palette.success;
  if (kind === 'warning' || kind === 'skipped') return palette.warning;
  if (kind === 'error') return palette.error;
  return undefined;
}

function spinnerOf(row: BoardRow, tick: number): { text: string; paint: (s: string) => string } {
  if (row.status === 'done') return { text: '✔', paint: palette.success };
  if (row.status === 'warning' || row.status === 'skipped') return { text: '!', paint: palette.warning };
  if (row.status === 'error') return { text: '✘', paint: palette.error };
  return { text: SPINNER[tick % SPINNER.length]!, paint: palette.count };
}

function lineOf(board: ProgressBoard, row: BoardRow, tick: number): Line {
  let bar = '';
  let size = '';
  // Layer bars and sizes only while the image is still transferring; the final row keeps its state and timer.
  if (row.status === 'working') {
    const children = board.children(row.id);
    let total = 0;
    let current = 0;
    let unknown = false;
    for (const child of children) {
      if (child.status === 'working' && child.total === 0) unknown = true;
      total += child.total;
      current += child.current;
    }
    if (children.length) {
      bar = ` [${children.map((c) => BAR_CHARS[Math.floor(((BAR_CHARS.length - 1) * Math.min(c.percent, 100)) / 100)]).join('')}]`;
      if (!unknown && total > 0) size = ` ${humanSize(current).padStart(7)} / ${humanSize(total).padEnd(7)}`;
    }
  }
  return {
    spinner: spinnerOf(row, tick).text, id: row.id, bar, size, status: row.text, statusKind: row.status,
    details: row.details ?? '', timer: `${(board.elapsedMs(row) / 1000).toFixed(1)}s`,
  };
}

/** Width up to the status column: ` ✔ ` + id + bar + size. */
const beforeStatus = (l: Line) => 3 + len(l.id) + len(l.bar) + len(l.size);

function overflow(lines: Line[], timerLen: number, width: number): number {
  const before = Math.max(...lines.map(beforeStatus));
  const statusLen = Math.max(...lines.map((l) => len(l.status)));
  return Math.max(...lines.map((l) => before + 1 + statusLen + (l.details ? 1 + len(l.details) : 0) + 1 + timerLen - width));
}

/** One step of shortening, least useful content first: details, then sizes, then the longest id. */
function shorten(lines: Line[], over: number): boolean {
  const withDetails = lines.find((l) => l.details);
  if (withDetails) {
    const d = [...withDetails.details];
    withDetails.details = d.length > 3 ? `${d.slice(0, d.length - Math.min(over, d.length - 3) - 3).join('')}...` : '';
    return true;
  }
  const sized = lines.filter((l) => l.size);
  if (sized.length) {
    sized.reduce((a, b) => (beforeStatus(b) > beforeStatus(a) ? b : a)).size = '';
    return true;
  }
  const longest = lines.reduce<Line | undefined>((a, l) => (len(l.id) > (a ? len(a.id) : MIN_ID) ? l : a), undefined);
  if (!longest) return false;
  longest.id = `${[...longest.id].slice(0, Math.max(len(longest.id) - over - 3, MIN_ID - 3)).join('')}...`;
  return true;
}

function fitWidth(lines: Line[], timerLen: number, width: number): void {
  for (let i = 0; i < 100 && lines.length; i++) {
    const over = overflow(lines, timerLen, width);
    if (over <= 0 || !shorten(lines, over)) return;
  }
}

function render(lines: Line[], rows: BoardRow[], tick: number, timerLen: number, width: number, color: boolean): string[] {
  const before = Math.max(0, ...lines.map(beforeStatus));
  return lines.map((l, i) => {
    const statusPad = before - beforeStatus(l);
    const lineLen = before + 1 + len(l.status) + (l.details ? 1 + len(l.details) : 0);
    const timerPad = Math.max(width - lineLen - timerLen, 1);
    const timer = l.timer.padStart(timerLen);
    const spin = spinnerOf(rows[i]!, tick);
    const plainText = ` ${l.spinner} ${l.id}${l.bar}${l.size}${' '.repeat(statusPad)} ${l.status}${l.details ? ` ${l.details}` : ''}${' '.repeat(timerPad)}${timer}`;
    // Ids too short to cut any further on a very narrow terminal: clip rather than wrap.
    if (len(plainText) > width) return [...plainText].slice(0, width).join('');
    if (!color) return plainText;
    const status = statusPaint(l.statusKind)?.(l.status) ?? l.status;
    const bar = l.bar ? ` [${palette.success(l.bar.slice(2, -1))}]` : '';
    return ` ${spin.paint(l.spinner)} ${l.id}${bar}${l.size}${' '.repeat(statusPad)} ${status}${l.details ? ` ${l.details}` : ''}${' '.repeat(timerPad)}${palette.timer(timer)}`;
  });
}

/** The frame's lines (no newlines), each at most `width` columns wide, at most `height - 1` lines in all. */
export function ttyFrame(board: ProgressBoard, options: FrameOptions): string[] {
  const { width, height, tick, color } = options;
  const all = board.topRows();
  const maxRows = Math.max(height - 2, 1);
  const shown = all.length > maxRows ? all.slice(0, maxRows - 1) : all;
  const lines = shown.map((row) => lineOf(board, row, tick));
  const timerLen = Math.max(0, ...lines.map((l) => len(l.timer)));
  fitWidth(lines, timerLen, width);
  const header = `[+] ${options.operation} ${board.doneCount()}/${board.size}`;
  const out = [header.slice(0, width), ...render(lines, shown, tick, timerLen, width, color)];
  if (shown.length < all.length) out.push(` ... ${all.length - shown.length} more`.padEnd(width).slice(0, width));
  return out;
}
