/** YAML text → plain data, keeping the document so any key path can be traced back to file:line:column. */
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { ComposeError } from '../errors/index.js';

export interface ParsedFile {
  path: string;
  data: Record<string, unknown>;
  doc?: Document;
  lineCounter?: LineCounter;
}

export function parseComposeFile(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, customTags: (tags) => [...resetOverrideTags, legacyOctal, ...tags] });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const offset = errorOffset(text, err.code, err.pos[0]);
      const pos = lineCounter.linePos(offset);
      const detail = err.code === 'DUPLICATE_KEY' ? `duplicate key "${keyAt(text, offset)}"` : firstLine(err.message);
      throw new ComposeError(`invalid YAML: ${detail}`, { location: { file: path, line: pos.line, column: pos.col } });
    }
  }
  // Several documents in one file are merged in order, as compose does.
  const doc = list[list.length - 1];
  let data: Record<string, unknown> = {};
  for (const d of list) {
    const value = d.toJS({ maxAliasCount: 10000 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ComposeError('the top level of a compose file must be a mapping', { location: { file: path, line: 1, column: 1 } });
    }
    data = { ...data, ...(value as Record<string, unknown>) };
  }
  return { path, data, doc, lineCounter };
}

/** The parser reports an unclosed quote where the text ends; the opening quote is what the user must fix. */
function errorOffset(text: string, code: string, offset: number): number {
  if (code !== 'MISSING_CHAR') return offset;
  const dq = text.lastIndexOf('"', offset - 1);
  const sq = text.lastIndexOf("'", offset - 1);
  const open = Math.max(dq, sq);
  return open >= 0 ? open : offset;
}

function keyAt(text: string, offset: number): string {
  return /^[^:\n]*/.exec(text.slice(offset))![0].trim();
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Marker objects for `!reset` and `!override` so the merge step can honour them. */
export const RESET = Symbol.for('tcompose.reset');
export const OVERRIDE = Symbol.for('tcompose.override');

const resetOverrideTags = [
  { tag: '!reset', resolve: () => ({ [RESET]: true }), identify: () => false },
  { tag: '!reset', collection: 'seq' as const, resolve: () => ({ [RESET]: true }), identify: () => false },
  { tag: '!reset', collection: 'map' as const, resolve: () => ({ [RESET]: true }), identify: () => false },
  { tag: '!override', collection: 'seq' as const, resolve: (seq: unknown) => ({ [OVERRIDE]: (seq as { toJSON(): unknown }).toJSON() }), identify: () => false },
  { tag: '!override', collection: 'map' as const, resolve: (map: unknown) => ({ [OVERRIDE]: (map as { toJSON(): unknown }).toJSON() }), identify: () => false },
  { tag: '!override', resolve: (s: string) => ({ [OVERRIDE]: s }), identify: () => false },
] as never[];

/** `mode: 0440` is octal in compose files (YAML 1.1 style, as compose's own parser reads it). */
const legacyOctal = {
  identify: (value: unknown) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^0[0-7]+$/,
  resolve: (source: string) => parseInt(source, 8),
} as never;

/** The position of a key path in a file: the value's node, else the nearest ancestor that exists. */
export function locate(file: ParsedFile, path: ReadonlyArray<string | number>, key = false): { line: number; column: number } | undefined {
  if (!file.doc || !file.lineCounter) return undefined;
  let node: Node | null | undefined = file.doc.contents as Node;
  let found: { line: number; column: number } | undefined = pos(file, node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) break;
      found = pos(file, (key || !pair.value ? pair.key : pair.value) as Node) ?? found;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node;
      found = pos(file, node) ?? found;
    } else break;
  }
  return found;
}

function pos(file: ParsedFile, node: Node | null | undefined): { line: number; column: number } | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return undefined;
  const p = file.lineCounter!.linePos(range[0]);
  return { line: p.line, column: p.col };
}
