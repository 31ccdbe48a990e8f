/** `.env` files: `KEY=value`, `export KEY=value`, quotes, `#` comments, `${VAR}` expansion in unquoted/double-quoted values. */
import { interpolateString } from './interpolate.js';

export function parseDotenv(text: string, lookup: (name: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    line = line.replace(/^export\s+/, '');
    const eq = line.indexOf('=');
    if (eq < 0) { out[line] = lookup(line) ?? ''; continue; }
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new Error(`line ${i + 1}: invalid variable name "${key}"`);
    let value = line.slice(eq + 1).trim();
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines until its closing quote.
      while (!value.slice(1).includes(quote) && i + 1 < lines.length) value += `\n${lines[++i]}`;
      const end = value.indexOf(quote, 1);
      value = value.slice(1, end < 0 ? undefined : end);
      if (quote === '"') value = expand(value.replace(/\\n/g, '\n').replace(/\\"/g, '"'), out, lookup);
    } else {
      value = expand(value.replace(/\s+#.*$/, ''), out, lookup);
    }
    out[key] = value;
  }
  return out;
}

function expand(value: string, sofar: Record<string, string>, lookup: (name: string) => string | undefined): string {
  try {
    return interpolateString(value, (n) => lookup(n) ?? sofar[n]).value;
  } catch {
    return value;
  }
}
