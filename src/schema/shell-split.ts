/** Split a command string like a POSIX shell would (quotes and backslashes), as compose does for `command: "…"`. */
export function shellSplit(input: string): string[] {
  const out: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined; else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < input.length && '"\\$`\n'.includes(input[i + 1]!)) current += input[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch; inWord = true;
    } else if (ch === '\\' && i + 1 < input.length) {
      current += input[++i]; inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) { out.push(current); current = ''; inWord = false; }
    } else {
      current += ch; inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in "${input}"`);
  if (inWord) out.push(current);
  return out;
}
