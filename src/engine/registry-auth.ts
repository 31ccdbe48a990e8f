/**
 * Registry credentials as the docker CLI keeps them: `credHelpers[host]`, else `credsStore`, else `auths` in
 * config.json (`auth` = base64 user:password, or an `identitytoken`). Helpers speak the docker-credential
 * protocol: `docker-credential-<name> get` reads the server address on stdin and answers
 * `{"ServerURL","Username","Secret"}` (Username `<token>` means Secret is an identity token).
 */
import { lazyChildProcess } from './lazy-builtin.js';
import { registryOf } from '../model/names.js';
import { RuntimeError } from '../errors/index.js';
import type { DockerConfigFile } from './docker-config.js';

/** The Engine API's AuthConfig (X-Registry-Auth, X-Registry-Config). */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  serveraddress: string;
}

/** Docker Hub's credentials live under its v1 index address, as `docker login` stores them. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** The config key for a registry host: Docker Hub's index address, else the host itself. */
export function authKeyOf(registryHost: string): string {
  return registryHost === 'docker.io' || registryHost === 'index.docker.io' || registryHost === 'registry-1.docker.io' ? DOCKER_HUB_AUTH_KEY : registryHost;
}

/** `https://host:5000/v1/` → `host:5000`: older config files keep full addresses as keys. */
function hostnameOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0]!;
}

export interface CredentialStore {
  /** Credentials for the registry of an image reference, or undefined when none are stored. */
  forImage(reference: string): Promise<RegistryAuth | undefined>;
  /** Credentials for a registry host (`127.0.0.1:5000`, `docker.io`). */
  forRegistry(host: string): Promise<RegistryAuth | undefined>;
  /** Every stored credential, keyed as the config keys them (for X-Registry-Config). */
  all(): Promise<Record<string, RegistryAuth>>;
}

export function credentialStore(loadConfig: () => DockerConfigFile, env: Record<string, string | undefined> = process.env): CredentialStore {
  let config: DockerConfigFile | undefined;
  const cfg = () => (config ??= loadConfig());
  const cache = new Map<string, Promise<RegistryAuth | undefined>>();

  const lookup = async (key: string): Promise<RegistryAuth | undefined> => {
    const c = cfg();
    const host = hostnameOf(key);
    const helper = c.credHelpers[host] ?? c.credHelpers[key] ?? c.credsStore;
    if (helper) return helperGet(helper, key, env);
    return fromAuths(c, key);
  };

  const forRegistry = (host: string) => {
    const key = authKeyOf(host);
    if (!cache.has(key)) cache.set(key, lookup(key));
    return cache.get(key)!;
  };

  return {
    forRegistry,
    forImage: (reference) => forRegistry(registryOf(reference)),
    async all() {
      const c = cfg();
      const keys = new Set([...Object.keys(c.auths), ...Object.keys(c.credHelpers)]);
      if (c.credsStore) for (const key of await helperList(c.credsStore, env)) keys.add(key);
      const entries = await Promise.all([...keys].map(async (key) => [key, await forRegistry(hostnameOf(key) === 'index.docker.io' ? 'docker.io' : hostnameOf(key))] as const));
      return Object.fromEntries(entries.filter((e): e is readonly [string, RegistryAuth] => e[1] !== undefined));
    },
  };
}

function fromAuths(config: DockerConfigFile, key: string): RegistryAuth | undefined {
  const entry = config.auths[key] ?? Object.entries(config.auths).find(([k]) => hostnameOf(k) === hostnameOf(key))?.[1];
  if (!entry) return undefined;
  const auth: RegistryAuth = { serveraddress: key };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new RuntimeError(`the docker configuration ${config.path} has an invalid "auth" for ${key}: it must be base64 of user:password`);
    auth.username = decoded.slice(0, colon);
    auth.password = decoded.slice(colon + 1);
  } else {
    if (entry.username) auth.username = entry.username;
    if (entry.password) auth.password = entry.password;
  }
  if (entry.identitytoken) auth.identitytoken = entry.identitytoken;
  if (entry.registrytoken) auth.registrytoken = entry.registrytoken;
  return auth.username || auth.identitytoken || auth.registrytoken ? auth : undefined;
}

function runHelper(helper: string, verb: string, input: string, env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = lazyChildProcess().execFile(`docker-credential-${helper}`, [verb], { env: env as NodeJS.ProcessEnv, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? (err as unknown as { code: number }).code : -1) : 0;
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new RuntimeError(`the docker configuration names the credential helper "${helper}", but docker-credential-${helper} is not on PATH`));
        return;
      }
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    child.stdin?.end(input);
  });
}

async function helperGet(helper: string, serverAddress: string, env: Record<string, string | undefined>): Promise<RegistryAuth | undefined> {
  const r = await runHelper(helper, 'get', serverAddress, env);
  if (r.code !== 0) {
    // The protocol's answer for "nothing stored": not an error, the registry is tried without credentials.
    if (/credentials not found/i.test(r.stdout + r.stderr)) return undefined;
    throw new RuntimeError(`credential helper docker-credential-${helper} failed for ${serverAddress}: ${(r.stdout + r.stderr).trim() || `exit status ${r.code}`}`);
  }
  let answer: { Username?: string; Secret?: string; ServerURL?: string };
  try { answer = JSON.parse(r.stdout) as typeof answer; } catch {
    throw new RuntimeError(`credential helper docker-credential-${helper} answered something that is not JSON for ${serverAddress}`);
  }
  if (!answer.Secret && !answer.Username) return undefined;
  return answer.Username === '<token>'
    ? { serveraddress: serverAddress, identitytoken: answer.Secret }
    : { serveraddress: serverAddress, username: answer.Username, password: answer.Secret };
}

async function helperList(helper: string, env: Record<string, string | undefined>): Promise<string[]> {
  const r = await runHelper(helper, 'list', '', env);
  if (r.code !== 0) return [];
  try { return Object.keys(JSON.parse(r.stdout) as Record<string, string>); } catch { return []; }
}

/** The header value the engine expects: URL-safe base64 with padding of the AuthConfig JSON (`{}` when anonymous). */
export function registryAuthHeader(auth: unknown): string {
  return Buffer.from(JSON.stringify(auth ?? {})).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
