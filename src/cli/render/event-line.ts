/** Progress events as single lines, in docker compose's formats (cmd/display/plain.go and tty.go's printEvent). */
import type { ProgressEvent } from '../../model/events.js';
import { humanSize } from './human-size.js';

/** A layer's details are the bytes it has so far (docker compose's toPullProgressEvent). */
export function detailsOf(e: ProgressEvent): string | undefined {
  return e.detail ?? (e.parentId && e.current !== undefined ? humanSize(e.current) : undefined);
}

const PAINT: Record<ProgressEvent['status'], string> = { working: '32', done: '32', warning: '33;1', skipped: '33;1', error: '31;1' };

/** `--progress plain`: ` Container x-web-1 Started ` (Go's Println of an empty dry-run prefix, id, text, details). */
export function plainLine(e: ProgressEvent): string {
  return ` ${e.resource} ${e.text} ${detailsOf(e) ?? ''}\n`;
}

/** A TTY event outside any operation (after the frame ended): `Container x-web-1 Stopped ` with a colored state. */
export function eventLine(e: ProgressEvent, color: boolean): string {
  const text = color ? `\x1b[${PAINT[e.status]}m${e.text}\x1b[0m` : e.text;
  return `${e.resource} ${text} ${detailsOf(e) ?? ''}\n`;
}
