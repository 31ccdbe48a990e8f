/**
 * TTY progress on listr2: the operation is one listr2 task, drawn by a renderer of our own (listr2's renderer
 * plug-in point) that redraws the board in place every 100 ms, as docker compose's does, and draws a last complete
 * frame when the operation ends. Once it has ended, later events (the stop after Ctrl+C in attached `up`) print as
 * lines, as docker compose prints events outside an operation.
 */
import { Listr, type ListrRenderer } from 'listr2';
import { PROJECT_RESOURCE, type ProgressEvent } from '../../model/events.js';
import type { Renderer, RendererOptions } from './progress.js';
import { ProgressBoard } from './progress-board.js';
import { ttyFrame } from './tty-frame.js';
import { eventLine } from './event-line.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const visibleLength = (s: string) => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;

interface DrawOptions { draw(): void }

/** listr2 calls render() when the operation starts and end() when its task settles. */
class ComposeFrameRenderer implements ListrRenderer {
  static nonTTY = false;
  static rendererOptions: DrawOptions = { draw() {} };
  static rendererTaskOptions = {};
  private timer?: NodeJS.Timeout;

  constructor(_tasks: unknown[], private readonly options: DrawOptions) {}

  render(): void {
    this.timer = setInterval(() => this.options.draw(), 100);
  }

  end(): void {
    clearInterval(this.timer);
    this.options.draw();
  }
}

/** Draws frames to the stream: each one over the previous, blanking lines the previous had beyond it. */
function frameWriter(stream: NodeJS.WriteStream) {
  let drawnLines = 0;
  return (lines: string[]) => {
    const width = stream.columns || 80;
    let out = HIDE_CURSOR;
    if (drawnLines) out += `\x1b[${drawnLines}A\r`;
    // A line as wide as the terminal leaves the cursor on its last column, where erasing would take that column.
    for (const line of lines) out += visibleLength(line) < width ? `${line}\x1b[K\n` : `${line}\n`;
    for (let i = lines.length; i < drawnLines; i++) out += `${' '.repeat(width)}\n`;
    stream.write(out + SHOW_CURSOR);
    drawnLines = Math.max(lines.length, drawnLines);
  };
}

export function listrRenderer(stream: NodeJS.WriteStream, options: RendererOptions): Renderer {
  const board = new ProgressBoard({ now: Date.now, hideStarts: options.hideStarts });
  const warnings: string[] = [];
  const write = frameWriter(stream);
  let tick = 0;
  let ended = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let running: Promise<unknown> | undefined;

  const draw = () => {
    if (!board.size) return;
    write(ttyFrame(board, { operation: options.operation, width: stream.columns || 80, height: stream.rows || 24, color: options.color, tick: tick++ }));
  };

  function start() {
    const list = new Listr([{ title: options.operation, task: () => finished }], {
      renderer: ComposeFrameRenderer, rendererOptions: { draw }, exitOnError: false, registerSignalListeners: false,
    });
    running = list.run().catch(() => undefined);
  }

  return {
    event(e: ProgressEvent) {
      // About the whole run, not a row: docker compose prints its details alone, in red.
      if (e.resource === PROJECT_RESOURCE) { stream.write(`${options.color ? `\x1b[31;1m${e.detail}\x1b[0m` : e.detail}\n`); return; }
      if (ended) { stream.write(eventLine(e, options.color)); return; }
      running ?? start();
      board.apply(e);
    },
    warn(message) {
      if (ended) stream.write(`WARN ${message}\n`);
      else warnings.push(message);
    },
    async close() {
      if (ended) return;
      ended = true;
      finish();
      await running;
      for (const w of warnings) stream.write(`WARN ${w}\n`);
    },
  };
}
