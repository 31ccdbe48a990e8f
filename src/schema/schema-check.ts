/**
 * ajv validation of one file against compose-schema.ts, compiled once on first use (startup stays fast for
 * commands that never load a file). ajv's errors are reduced to the most specific one and said in compose terms.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { composeSchema } from './compose-schema.js';
import { FieldError, describeValue, type KeyPath } from './field-error.js';
import { RESET, OVERRIDE } from './parse.js';

let compiled: ValidateFunction | undefined;

/**
 * The build writes the validator as standalone code (scripts/compile-schema.mjs); from source (tests) there is
 * none, and ajv compiles the schema once, on first use.
 */
async function loadValidator(): Promise<ValidateFunction> {
  try {
    const prebuilt = (await import(new URL('./compose-schema-validate.mjs', import.meta.url).href)) as { default: ValidateFunction };
    return prebuilt.default;
  } catch {
    return compileSchema();
  }
}

/** Call once before the first `schemaCheck` (the loader does). */
export async function prepareSchemaCheck(): Promise<void> {
  compiled ??= await loadValidator();
}

/** ajv (CommonJS) is required on first use only, so commands that load no file never pay for it. */
function compileSchema(): ValidateFunction {
  const loaded = createRequire(import.meta.url)('ajv') as { default: new (o: object) => { compile(s: object): ValidateFunction } };
  return new loaded.default({ allErrors: true, strict: false }).compile(composeSchema);
}

const TYPE_WORDS: Record<string, string> = { object: 'a mapping', array: 'a sequence', string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null', integer: 'an integer' };

/** `!reset` values disappear and `!override` values are checked as what they wrap. */
function withoutMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMarkers);
  if (!value || typeof value !== 'object') return value;
  if (OVERRIDE in value) return withoutMarkers((value as Record<symbol, unknown>)[OVERRIDE]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!(v && typeof v === 'object' && RESET in v)) out[k] = withoutMarkers(v);
  return out;
}

function pathOf(error: ErrorObject): KeyPath {
  return error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, path: KeyPath): unknown {
  return path.reduce<unknown>((node, seg) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined), data);
}

/** The deepest error says the most; among equals, the first. */
export function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, e) => (pathOf(e).length > pathOf(best).length ? e : best));
}

export function schemaCheck(data: Record<string, unknown>): void {
  compiled ??= compileSchema();
  const plain = withoutMarkers(data);
  if (compiled(plain) || !compiled.errors?.length) return;
  const error = mostSpecific(compiled.errors);
  const path = pathOf(error);
  const value = valueAt(plain, path);
  if (error.keyword === 'type') {
    const wanted = ([] as string[]).concat(error.params.type as string | string[]).map((t) => TYPE_WORDS[t] ?? t);
    const words = wanted.length > 1 ? `${wanted.slice(0, -1).join(', ')} or ${wanted[wanted.length - 1]}` : wanted[0];
    throw new FieldError(path, `must be ${words}, not ${describeValue(value)}`);
  }
  throw new FieldError(path, `${error.message ?? 'is invalid'}, not ${describeValue(value)}`);
}
