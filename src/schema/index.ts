/**
 * The loader: compose files → one normalized Project.
 *   per file: read → parse (positions kept) → interpolate → validate → canonicalize → resolve paths → include
 *   then: merge in order → extends → model (names, defaults, env files, profiles) → semantic checks
 * Every user mistake comes out as a ComposeError naming file:line:column and the key path.
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { Project } from '../model/project.js';
import { normalizeProjectName, PROJECT_NAME_PATTERN } from '../model/names.js';
import { ComposeError } from '../errors/index.js';
import { parseComposeFile, locate, type ParsedFile } from './parse.js';
import { interpolateString, interpolateTree, type InterpolationError } from './interpolate.js';
import { canonicalFile } from './canonical.js';
import { validateFile } from './validate.js';
import { schemaCheck } from './schema-check.js';
import { resolveFilePaths } from './resolve-paths.js';
import { mergeValues } from './merge.js';
import { applyExtends } from './extends.js';
import { toProject } from './to-model.js';
import { checkProject } from './checks.js';
import { discoverFiles } from './discover.js';
import { FieldError, formatPath, type KeyPath } from './field-error.js';
import { projectEnvironment } from './environment.js';
import { fileSystem, type FileSystem } from './read-files.js';
import { prepareSchemaCheck } from './schema-check.js';

export interface LoadOptions {
  cwd: string;
  environment: Record<string, string>;
  files?: string[];
  projectName?: string;
  projectDirectory?: string;
  envFiles?: string[];
  profiles?: string[];
  services?: string[];
  interpolate?: boolean;
  normalize?: boolean;
  consistency?: boolean;
  /** Also check what must hold before containers are created (build contexts, secret files, host ports). */
  preflight?: boolean;
  onWarning?: (message: string) => void;
  /** Injected for tests; defaults to the real file system. */
  fs?: FileSystem;
}

interface LoadedFile extends ParsedFile {
  canonical: Record<string, unknown>;
}

/** Turn a FieldError into a ComposeError at the position of its path in the last file that sets it. */
function located(err: FieldError, files: ParsedFile[]): ComposeError {
  const path = err.path;
  const holder = [...files].reverse().find((f) => hasPath(f.data, path)) ?? [...files].reverse().find((f) => hasPath(f.data, path.slice(0, 2))) ?? files[0];
  const pos = holder ? locate(holder, path, err.atKey) : undefined;
  const pathText = formatPath(path);
  // compose-go's style: `services.web.image must be a string`; self-describing sentences go without the path.
  const message = !err.prefixPath || !pathText ? err.message : /^(must|additional property)/.test(err.message) ? `${pathText} ${err.message}` : `${pathText}: ${err.message}`;
  return new ComposeError(message, {
    location: holder && pos ? { file: holder.path, line: pos.line, column: pos.column } : undefined,
    path: pathText, hint: err.hint, cause: err,
  });
}

function hasPath(data: unknown, path: KeyPath): boolean {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return false;
    if (!(seg in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return true;
}

function loadFile(path: string, text: string, env: Record<string, string>, options: LoadOptions, baseDir: string, warn: (m: string) => void): LoadedFile {
  const parsed = parseComposeFile(path, text);
  const lookup = (name: string) => env[name];
  const unsetSeen = new Set<string>();
  let data = parsed.data;
  if (options.interpolate !== false) {
    data = interpolateTree(parsed.data, [], {
      lookup,
      onUnset: (name, at) => {
        if (unsetSeen.has(name)) return;
        unsetSeen.add(name);
        const pos = locate(parsed, at);
        warn(`${path}${pos ? `:${pos.line}:${pos.column}` : ''}: the "${name}" variable is not set. Defaulting to a blank string (use $$ for a literal $ at ${formatPath(at)}).`);
      },
      onError: (err: InterpolationError, at) => {
        const message = err.kind === 'format'
          ? `invalid interpolation format for ${formatPath(at)}: ${err.message.replace(/^invalid interpolation format: /, '')}. You may need to escape any $ with another $ ($$).`
          : `error while interpolating ${formatPath(at)}: ${err.message}`;
        // compose-go's sentence names the path itself for a failed cast.
        if (err.kind === 'cast') throw located(new FieldError(at, message, undefined, false, false), [parsed]);
        throw located(new FieldError(at, message.replace(`${formatPath(at)}: `, '')), [parsed]);
      },
      onWarning: (message, at) => {
        const pos = locate(parsed, at);
        warn(`${path}${pos ? `:${pos.line}:${pos.column}` : ''}: ${formatPath(at)}: ${message}`);
      },
    }) as Record<string, unknown>;
  }
  const withData: ParsedFile = { ...parsed, data };
  try {
    validateFile(data);
    schemaCheck(data);
    const canonical = resolveFilePaths(canonicalFile(data), baseDir, env.HOME);
    return { ...withData, canonical };
  } catch (err) {
    if (err instanceof FieldError) throw located(err, [withData]);
    throw err;
  }
}

export async function loadProject(options: LoadOptions): Promise<Project> {
  await prepareSchemaCheck();
  const fs = options.fs ?? fileSystem;
  const warn = options.onWarning ?? (() => undefined);
  const osEnv = options.environment;
  // COMPOSE_FILE may itself come from the `.env` of the directory compose runs in.
  const discoveryEnv = options.files?.length || osEnv.COMPOSE_FILE ? osEnv : projectEnvironment(resolve(options.cwd, options.projectDirectory ?? '.'), options, fs);
  const files = discoverFiles(options.cwd, options.files, discoveryEnv);
  const workingDir = resolve(options.cwd, options.projectDirectory ?? dirname(files[0] === '-' ? resolve(options.cwd, 'stdin') : files[0]!));
  const env = projectEnvironment(workingDir, options, fs);
  const texts = files.map((file) => {
    const text = file === '-' ? fs.readStdin() : fs.readText(file);
    if (text === undefined) throw new ComposeError(`open ${file}: no such file or directory`);
    if (text === null) throw new ComposeError(`read ${file}: is a directory or cannot be read`);
    return text;
  });
  // Files may interpolate COMPOSE_PROJECT_NAME, so the name must be known before interpolation.
  if (texts.some((t) => t.includes('COMPOSE_PROJECT_NAME')) && !env.COMPOSE_PROJECT_NAME) {
    env.COMPOSE_PROJECT_NAME = options.projectName ?? nameDeclaredIn(texts, env) ?? normalizeProjectName(basename(workingDir));
  }

  const loaded: LoadedFile[] = [];
  for (const [index, file] of files.entries()) {
    const f = loadFile(file, texts[index]!, env, options, workingDir, warn);
    for (const included of includedFiles(f, env, options, fs, warn)) loaded.push(withExtends(included, env, options, fs, warn));
    loaded.push(withExtends(f, env, options, fs, warn));
  }
  if (loaded.every((f) => Object.keys(f.canonical).length === 0)) {
    throw new ComposeError('empty compose file: no services, networks or volumes are defined', { location: { file: files[0]!, line: 1, column: 1 } });
  }

  try {
    let merged: Record<string, unknown> = {};
    for (const f of loaded) merged = mergeValues(merged, f.canonical) as Record<string, unknown>;
    // `!override` values arrive in short syntax: canonicalize the merged services again (the rules are idempotent).
    merged.services = canonicalFile({ services: merged.services ?? {} }).services;
    const name = projectName(options, merged, workingDir, env, loaded);
    const project = toProject(merged, {
      name, workingDir, configFiles: files.map((f) => (f === '-' ? '-' : resolve(f))), environment: env,
      profiles: [...(options.profiles ?? []), ...(env.COMPOSE_PROFILES ? env.COMPOSE_PROFILES.split(',') : [])].filter(Boolean),
      selectedServices: options.services ?? [], readText: (p) => { const t = fs.readText(p); return typeof t === 'string' ? t : undefined; },
      normalize: options.normalize !== false,
    });
    if (options.consistency !== false) checkProject(project, (p) => fs.exists(p), options.preflight);
    return project;
  } catch (err) {
    if (err instanceof FieldError) throw located(err, loaded);
    throw err;
  }
}

/**
 * `extends` is resolved inside each file before merging (as compose-go does), so `!override`/`!reset` in the
 * extending service act on what it inherits, and errors point into that file.
 */
function withExtends(f: LoadedFile, env: Record<string, string>, options: LoadOptions, fs: FileSystem, warn: (m: string) => void): LoadedFile {
  const services = f.canonical.services as Record<string, Record<string, unknown>> | undefined;
  if (!services || !Object.values(services).some((s) => s && typeof s === 'object' && 'extends' in s)) return f;
  try {
    f.canonical.services = applyExtends(services, (file) => {
      const text = fs.readText(file);
      if (typeof text !== 'string') throw new FieldError(['services'], `extends: file ${file} not found`);
      const other = loadFile(file, text, env, options, dirname(file), warn);
      return (other.canonical.services ?? {}) as Record<string, Record<string, unknown>>;
    });
  } catch (err) {
    if (err instanceof FieldError) throw located(err, [f]);
    throw err;
  }
  return f;
}

/** `include`: other compose files loaded with their own project directory, merged before this one. */
function includedFiles(f: LoadedFile, env: Record<string, string>, options: LoadOptions, fs: FileSystem, warn: (m: string) => void, stack: string[] = [f.path]): LoadedFile[] {
  const include = f.canonical.include as Array<string | { path: string | string[]; project_directory?: string }> | undefined;
  if (!include) return [];
  delete f.canonical.include;
  const out: LoadedFile[] = [];
  include.forEach((entry, i) => {
    const paths = typeof entry === 'string' ? [entry] : Array.isArray(entry.path) ? entry.path : [entry.path];
    for (const p of paths) {
      const file = resolve(dirname(f.path), p);
      if (stack.includes(file)) throw located(new FieldError(['include', i], `include cycle detected: ${[...stack, file].join(' -> ')}`, undefined, false, false), [f]);
      const text = fs.readText(file);
      if (typeof text !== 'string') throw located(new FieldError(['include', i], `included file ${file} not found`), [f]);
      const dir = typeof entry === 'object' && entry.project_directory ? resolve(dirname(f.path), entry.project_directory) : dirname(file);
      const innerEnv = includeEnvironment(entry, dirname(f.path), dir, env, fs);
      const inner = loadFile(file, text, innerEnv, options, dir, warn);
      resolveBareEnvironment(inner.canonical, innerEnv);
      defaultBuildContext(inner.canonical, dir);
      out.push(...includedFiles(inner, innerEnv, options, fs, warn, [...stack, file]), inner);
    }
  });
  return out;
}

/**
 * An included project interpolates with its own env files (`env_file:` of the include entry, else its directory's
 * `.env`) under the including project's variables, which win (compose-spec `include`).
 */
function includeEnvironment(entry: unknown, parentDir: string, dir: string, env: Record<string, string>, fs: FileSystem): Record<string, string> {
  const listed = typeof entry === 'object' && entry && 'env_file' in entry ? (entry as { env_file: string | string[] }).env_file : undefined;
  const envFiles = listed === undefined ? undefined : (Array.isArray(listed) ? listed : [listed]).map((p) => resolve(parentDir, p));
  if (!envFiles && fs.readText(join(dir, '.env')) === undefined) return env;
  const own = projectEnvironment(dir, { cwd: parentDir, environment: {}, envFiles }, fs);
  return { ...own, ...env };
}

/** `environment: [VAR]` in an included file takes VAR from that file's own environment. */
function resolveBareEnvironment(data: Record<string, unknown>, env: Record<string, string>): void {
  for (const s of Object.values((data.services ?? {}) as Record<string, Record<string, unknown>>)) {
    const e = s?.environment as Record<string, unknown> | undefined;
    if (!e || typeof e !== 'object') continue;
    for (const [k, v] of Object.entries(e)) if (v === null && env[k] !== undefined) e[k] = env[k];
  }
}

/** A build without a context in an included file builds that include's project directory. */
function defaultBuildContext(data: Record<string, unknown>, dir: string): void {
  for (const s of Object.values((data.services ?? {}) as Record<string, Record<string, unknown>>)) {
    const b = s?.build as Record<string, unknown> | undefined;
    if (b && typeof b === 'object' && !Array.isArray(b) && b.context === undefined) s.build = { context: dir, ...b };
  }
}

/** The last top-level `name:` among the files, interpolated, without a full load. */
function nameDeclaredIn(texts: string[], env: Record<string, string>): string | undefined {
  let name: string | undefined;
  for (const t of texts) {
    const m = /^name:\s*["']?([^"'\n#]+?)["']?\s*(#.*)?$/m.exec(t);
    if (m) name = m[1];
  }
  try { return name === undefined ? undefined : interpolateString(name, (n) => env[n]).value; } catch { return name; }
}

function projectName(options: LoadOptions, merged: Record<string, unknown>, workingDir: string, env: Record<string, string>, files: ParsedFile[]): string {
  const explicit = options.projectName ?? env.COMPOSE_PROJECT_NAME;
  if (explicit !== undefined && explicit !== '') {
    if (!PROJECT_NAME_PATTERN.test(explicit)) throw new ComposeError(`invalid project name "${explicit}": it must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit`);
    return explicit;
  }
  if (typeof merged.name === 'string' && merged.name) {
    if (!PROJECT_NAME_PATTERN.test(merged.name)) {
      throw located(new FieldError(['name'], `invalid project name "${merged.name}": it must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit`), files);
    }
    return merged.name;
  }
  const fromDir = normalizeProjectName(basename(workingDir));
  if (!fromDir) throw new ComposeError(`cannot derive a project name from directory "${basename(workingDir)}": use -p or a top-level name:`);
  return fromDir;
}
