/** `web-1  | ` prefixes, aligned across containers and colored per container like docker compose. */
const COLORS = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

export function displayName(containerName: string, projectName: string): string {
  return containerName.startsWith(`${projectName}-`) ? containerName.slice(projectName.length + 1) : containerName;
}

export function prefixer(names: readonly string[], color: boolean): (name: string) => string {
  const width = Math.max(0, ...names.map((n) => n.length));
  const index = new Map(names.map((n, i) => [n, i]));
  return (name) => {
    const text = `${name.padEnd(width)}  | `;
    if (!color) return text;
    const c = COLORS[(index.get(name) ?? 0) % COLORS.length];
    return `\x1b[${c}m${text}\x1b[0m`;
  };
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
