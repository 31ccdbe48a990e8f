/**
 * What a BuildKit build takes from the project besides its context: secret values (`build.secrets`, from the
 * top-level `secrets:` file or environment variable) and ssh agents (`build.ssh`, `--ssh`). A key file is
 * loaded into an ssh-agent of this build's own, which ends with it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Project } from '../model/project.js';
import { RuntimeError } from '../errors/index.js';

type SecretRef = string | { source: string; target?: string };

/** Secret id → value; the id is the reference's target, else its source (as docker compose names it). */
export function buildSecrets(project: Project, serviceName: string): Record<string, Buffer> {
  const refs = (project.services[serviceName]!.build?.secrets ?? []) as SecretRef[];
  const values: Record<string, Buffer> = {};
  for (const ref of refs) {
    const source = typeof ref === 'string' ? ref : ref.source;
    const id = (typeof ref === 'string' ? undefined : ref.target) || source;
    const def = project.secrets?.[source];
    if (!def) throw new RuntimeError(`service "${serviceName}": build secret "${source}" is not declared under the top-level secrets:`);
    if (def.environment !== undefined) {
      const value = project.meta.environment[def.environment];
      if (value === undefined) throw new RuntimeError(`service "${serviceName}": build secret "${source}" comes from the environment variable ${def.environment}, which is not set`);
      values[id] = Buffer.from(value);
    } else if (def.file) values[id] = readFileSync(def.file);
    else if (def.content !== undefined) values[id] = Buffer.from(def.content);
    else throw new RuntimeError(`service "${serviceName}": build secret "${source}" has neither file nor environment`);
  }
  return values;
}

/** `default`, `id=path` or `{id: path}` → id → path ('' for the default agent). */
export function sshEntries(value: unknown): Record<string, string> {
  const entries: Record<string, string> = {};
  const add = (text: string) => {
    const eq = text.indexOf('=');
    if (eq < 0) entries[text] = ''; else entries[text.slice(0, eq)] = text.slice(eq + 1);
  };
  if (Array.isArray(value)) for (const v of value) add(String(v));
  else if (typeof value === 'string') for (const v of value.split(',')) add(v.trim());
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) entries[k] = v === null || v === undefined ? '' : String(v);
  return entries;
}

export interface SshAgents { sockets: Record<string, string>; release(): void }

/** Each id's agent socket: the given socket, the default agent (SSH_AUTH_SOCK), or a private agent for key files. */
export async function sshAgents(entries: Record<string, string>, env: Record<string, string | undefined>, baseDir: string): Promise<SshAgents> {
  const sockets: Record<string, string> = {};
  const cleanups: Array<() => void> = [];
  try {
    for (const [id, given] of Object.entries(entries)) {
      if (!given || given === 'default') {
        if (!env.SSH_AUTH_SOCK) throw new RuntimeError(`build ssh "${id}" uses the default ssh agent, but SSH_AUTH_SOCK is not set`);
        sockets[id] = env.SSH_AUTH_SOCK;
        continue;
      }
      const paths = given.split(',').map((p) => resolve(baseDir, p.replace(/^~(?=\/)/, env.HOME ?? '~')));
      const missing = paths.find((p) => !existsSync(p));
      if (missing) throw new RuntimeError(`build ssh "${id}": ${missing} does not exist`);
      if (paths.length === 1 && statSync(paths[0]!).isSocket()) { sockets[id] = paths[0]!; continue; }
      const agent = await privateAgent(paths);
      cleanups.push(agent.stop);
      sockets[id] = agent.socket;
    }
  } catch (err) {
    for (const c of cleanups) c();
    throw err;
  }
  return { sockets, release: () => { for (const c of cleanups) c(); } };
}

async function privateAgent(keys: string[]): Promise<{ socket: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tc-ssh-agent-'));
  const socket = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const stop = () => { agent.kill(); rmSync(dir, { recursive: true, force: true }); };
  try {
    await new Promise<void>((ready, fail) => {
      agent.once('error', (err) => fail(new RuntimeError(`cannot start ssh-agent for the build's ssh keys: ${err.message}`)));
      const started = Date.now();
      const poll = () => (existsSync(socket) ? ready() : Date.now() - started > 5_000 ? fail(new RuntimeError('ssh-agent did not start')) : setTimeout(poll, 20));
      poll();
    });
    await new Promise<void>((done, fail) => {
      const add = spawn('ssh-add', ['-q', ...keys], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: ['ignore', 'ignore', 'pipe'] });
      let said = '';
      add.stderr.on('data', (d) => (said += d));
      add.on('error', (err) => fail(new RuntimeError(`cannot run ssh-add: ${err.message}`)));
      add.on('close', (code) => (code === 0 ? done() : fail(new RuntimeError(`ssh-add could not load ${keys.join(', ')}: ${said.trim()}`))));
    });
  } catch (err) {
    stop();
    throw err;
  }
  return { socket, stop };
}

/** A cache_from/cache_to entry in buildx's CSV form, `type=registry,ref=…`, as its attributes. */
function cacheEntryAttributes(entry: string): Record<string, string> {
  return Object.fromEntries(entry.split(',').map((kv) => kv.split('=', 2) as [string, string]));
}

/** cache_from entries the engine's builder can use: image references (`type=registry,ref=…` or plain). */
export function cacheFromImages(serviceName: string, entries: string[] | undefined): string[] {
  return (entries ?? []).map((entry) => {
    if (!entry.includes('=')) return entry;
    const attrs = cacheEntryAttributes(entry);
    if ((attrs.type ?? 'registry') === 'registry' && attrs.ref) return attrs.ref;
    throw new RuntimeError(`service "${serviceName}": cache_from "${entry}" is not supported by the engine's builder (only images, type=registry,ref=…)`);
  });
}

/**
 * cache_to entries the engine's builder can honour. Its BuildKit exports no cache of its own (that needs a
 * separate BuildKit, as for buildx's docker-container driver); `type=inline` only writes the cache metadata into
 * the image's config, which the engine does with the BUILDKIT_INLINE_CACHE build argument.
 */
export function cacheToBuildArgs(serviceName: string, entries: string[] | undefined): Record<string, string> {
  const args: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const attrs = cacheEntryAttributes(entry);
    if (attrs.type !== 'inline') {
      throw new RuntimeError(`service "${serviceName}": cache_to "${entry}" is not supported by the engine's builder: it can only write an inline cache (type=inline); exporting to ${attrs.type ?? 'a registry'} needs a BuildKit of its own`);
    }
    args.BUILDKIT_INLINE_CACHE = '1';
  }
  return args;
}
