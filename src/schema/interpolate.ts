/**
 * Variable substitution in values (never keys), per the compose-spec: `$V`, `${V}`, `${V:-d}`, `${V-d}`,
 * `${V:?msg}`, `${V?msg}`, `${V:+alt}`, `${V+alt}`, nested in defaults, `$$` for a literal `$`.
 */
import type { KeyPath } from './field-error.js';
import { CastError, castAtPath } from './type-casts.js';
import { OVERRIDE } from './parse.js';

export class InterpolationError extends Error {
  constructor(message: string, readonly kind: 'format' | 'required' | 'cast') {
    super(message);
  }
}

export interface InterpolateResult {
  value: string;
  /** Variables that were referenced but unset (and had no default). */
  unset: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolateString(input: string, lookup: (name: string) => string | undefined): InterpolateResult {
  const unset: string[] = [];
  const value = substitute(input, lookup, unset);
  return { value, unset };
}

function substitute(input: string, lookup: (name: string) => string | undefined, unset: string[]): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch !== '$') { out += ch; i++; continue; }
    const next = input[i + 1];
    if (next === '$') { out += '$'; i += 2; continue; }
    if (next === '{') {
      const end = matchingBrace(input, i + 1);
      if (end < 0) throw new InterpolationError(`invalid interpolation format: "${input}"`, 'format');
      out += expand(input.slice(i + 2, end), lookup, unset, input);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(input.slice(i + 1));
    if (!m) { out += '$'; i++; continue; }
    const v = lookup(m[0]);
    if (v === undefined) unset.push(m[0]);
    out += v ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expand(body: string, lookup: (name: string) => string | undefined, unset: string[], whole: string): string {
  const m = NAME.exec(body);
  if (!m) throw new InterpolationError(`invalid interpolation format: "${whole}"`, 'format');
  const name = m[0];
  const rest = body.slice(name.length);
  const value = lookup(name);
  if (rest === '') {
    if (value === undefined) unset.push(name);
    return value ?? '';
  }
  const op = /^(:?[-?+])/.exec(rest);
  if (!op) throw new InterpolationError(`invalid interpolation format: "${whole}"`, 'format');
  const arg = () => substitute(rest.slice(op[1]!.length), lookup, unset);
  const emptyCounts = op[1]!.startsWith(':');
  const isSet = value !== undefined && (!emptyCounts || value !== '');
  switch (op[1]!.slice(-1)) {
    case '-': return isSet ? value! : arg();
    case '+': return isSet ? arg() : '';
    default: {
      if (isSet) return value!;
      const msg = arg();
      throw new InterpolationError(`required variable ${name} is missing a value${msg ? `: ${msg}` : ''}`, 'required');
    }
  }
}

export interface TreeInterpolation {
  lookup: (name: string) => string | undefined;
  /** Receives the key path of each unset variable. */
  onUnset: (name: string, path: KeyPath) => void;
  onError: (err: InterpolationError, path: KeyPath) => never;
  /** Warnings of the type casts (YAML 1.1 booleans). */
  onWarning?: (message: string, path: KeyPath) => void;
}

/**
 * Walk plain data and substitute every string value, then cast it to its path's type (type-casts.ts). `!override`
 * content is interpolated at the path it overrides.
 */
export function interpolateTree(value: unknown, path: KeyPath, how: TreeInterpolation): unknown {
  if (typeof value === 'string') {
    try {
      const r = interpolateString(value, how.lookup);
      for (const u of r.unset) how.onUnset(u, path);
      return castAtPath(path, r.value, how.onWarning && ((m) => how.onWarning!(m, path)));
    } catch (err) {
      if (err instanceof InterpolationError) how.onError(err, path);
      if (err instanceof CastError) how.onError(new InterpolationError(`failed to cast to expected type: ${err.message}`, 'cast'), path);
      throw err;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateTree(v, [...path, i], how));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string | symbol, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateTree(v, [...path, k], how);
    for (const s of Object.getOwnPropertySymbols(value)) {
      const inner = (value as Record<symbol, unknown>)[s];
      out[s] = s === OVERRIDE ? interpolateTree(inner, path, how) : inner;
    }
    return out;
  }
  return value;
}
