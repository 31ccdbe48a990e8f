/**
 * The variables a compose file's values refer to, for `config --variables`: name, whether it is required
 * (`${V?msg}` / `${V:?msg}`), its default (`${V-d}` / `${V:-d}`) and alternate value (`${V+a}` / `${V:+a}`).
 * Keys are never interpolated, so only values are scanned; `$$` is a literal dollar.
 */
import { parseAllDocuments } from 'yaml';

export interface TemplateVariable {
  name: string;
  required: boolean;
  defaultValue?: string;
  alternateValue?: string;
}

const BRACED = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?+])(.*))?\}$/s;

function braceEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Variables in one string, nested defaults included. */
export function stringVariables(text: string, out: Map<string, TemplateVariable> = new Map()): Map<string, TemplateVariable> {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') { i++; continue; }
    if (text[i + 1] === '{') {
      const end = braceEnd(text, i + 1);
      if (end < 0) return out;
      const m = BRACED.exec(text.slice(i + 1, end + 1));
      if (m) {
        const [, name, op, arg = ''] = m;
        if (!out.has(name!)) out.set(name!, { name: name!, required: op === '?', ...(op === '-' ? { defaultValue: arg } : {}), ...(op === '+' ? { alternateValue: arg } : {}) });
        if (op === '-' || op === '+') stringVariables(arg, out);
      }
      i = end;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (m && !out.has(m[0])) out.set(m[0], { name: m[0], required: false });
  }
  return out;
}

function collect(value: unknown, out: Map<string, TemplateVariable>): void {
  if (typeof value === 'string') stringVariables(value, out);
  else if (Array.isArray(value)) value.forEach((v) => collect(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collect(v, out));
}

/** Variables of compose file texts, sorted by name. */
export function composeVariables(texts: string[]): TemplateVariable[] {
  const out = new Map<string, TemplateVariable>();
  for (const text of texts) for (const doc of parseAllDocuments(text)) if ('toJS' in doc) collect(doc.toJS({ maxAliasCount: -1 }), out);
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The table `docker compose config --variables` prints. */
export function formatVariables(variables: TemplateVariable[]): string {
  const rows = [['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE'], ...variables.map((v) => [v.name, String(v.required), v.defaultValue ?? '', v.alternateValue ?? ''])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join('').trimEnd()).join('\n') + '\n';
}
