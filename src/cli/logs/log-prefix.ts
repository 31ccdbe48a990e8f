/** `web-1  | ` prefixes, aligned across containers and colored per container like docker compose. */
// docker compose's rainbow (cmd/formatter/colors.go): cyan, yellow, green, magenta, blue, then the same in bold.
const COLORS = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'];

export function displayName(containerName: string, projectName: string): string {
  return containerName.startsWith(`${projectName}-`) ? containerName.slice(projectName.length + 1) : containerName;
}

function colorOf(names: readonly string[], color: boolean): (name: string, text: string) => string {
  const index = new Map(names.map((n, i) => [n, i]));
  return (name, text) => (color ? `\x1b[${COLORS[(index.get(name) ?? 0) % COLORS.length]}m${text}\x1b[0m` : text);
}

export function prefixer(names: readonly string[], color: boolean): (name: string) => string {
  const width = Math.max(0, ...names.map((n) => n.length));
  const paint = colorOf(names, color);
  return (name) => paint(name, `${name.padEnd(width)}  | `);
}

/**
 * `web-1 exited with code 0` in the container's color, on a line of its own: on a terminal it first clears
 * whatever partial line is there (docker compose's Status).
 */
export function statusLiner(names: readonly string[], color: boolean): (name: string, message: string) => string {
  const paint = colorOf(names, color);
  return (name, message) => `${color ? '\r\x1b[K' : ''}${paint(name, `${name} ${message}`)}\n`;
}

/** Splits a byte stream into complete lines, keeping a partial last line until more arrives. */
export class LineSplitter {
  private partial = '';
  push(chunk: string, emit: (line: string) => void): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) emit(line);
  }
  flush(emit: (line: string) => void): void {
    if (this.partial) emit(this.partial);
    this.partial = '';
  }
}
