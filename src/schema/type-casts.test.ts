import { describe, expect, it } from 'vitest';
import { castAtPath, CastError } from './type-casts.js';
import { loadProject, type LoadOptions } from './index.js';
import type { FileSystem } from './read-files.js';
import { ComposeError } from '../errors/index.js';

const memoryFs = (files: Record<string, string>): FileSystem => ({ readText: (p) => files[p], readStdin: () => '', exists: (p) => p in files });

async function load(compose: string, environment: Record<string, string> = {}, options: Partial<LoadOptions> = {}) {
  const warnings: string[] = [];
  const project = await loadProject({ cwd: '/p', environment, files: ['/p/compose.yaml'], fs: memoryFs({ '/p/compose.yaml': compose }), onWarning: (w) => warnings.push(w), ...options });
  return { project, warnings };
}

async function loadError(compose: string, environment: Record<string, string> = {}): Promise<ComposeError> {
  try { await load(compose, environment); } catch (err) { if (err instanceof ComposeError) return err; throw err; }
  throw new Error('expected the load to fail');
}

describe('the cast table', () => {
  it('booleans: true/false in any case, YAML 1.1 words with a warning, anything else refused', () => {
    const warnings: string[] = [];
    const at = ['services', 'web', 'read_only'];
    expect(castAtPath(at, 'FALSE')).toBe(false);
    expect(castAtPath(at, 'True')).toBe(true);
    expect(castAtPath(at, 'yes', (w) => warnings.push(w))).toBe(true);
    expect(castAtPath(at, 'off', (w) => warnings.push(w))).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('"yes" for boolean is not supported by YAML 1.2'), expect.stringContaining('please use `false`')]);
    expect(() => castAtPath(at, '')).toThrow(CastError);
    expect(() => castAtPath(at, 'maybe')).toThrow('invalid boolean: maybe');
  });
  it('integers: a sign and digits only, as Go reads them', () => {
    const at = ['services', 'web', 'healthcheck', 'retries'];
    expect(castAtPath(at, '3')).toBe(3);
    expect(castAtPath(['services', 'web', 'oom_score_adj'], '-500')).toBe(-500);
    expect(castAtPath(['services', 'web', 'ulimits', 'nofile', 'soft'], '+1024')).toBe(1024);
    expect(castAtPath(['services', 'web', 'ulimits', 'nproc'], '65535')).toBe(65535);
    expect(castAtPath(['services', 'web', 'ports', 0, 'target'], '80')).toBe(80);
    for (const bad of ['', '3.5', '0x10', ' 3', '1e3', '99999999999999999999']) expect(() => castAtPath(at, bad)).toThrow(CastError);
  });
  it('floats: decimals and exponents', () => {
    expect(castAtPath(['services', 'web', 'cpus'], '0.5')).toBe(0.5);
    expect(castAtPath(['services', 'web', 'deploy', 'update_config', 'max_failure_ratio'], '1e-1')).toBe(0.1);
    expect(() => castAtPath(['services', 'web', 'cpus'], 'half')).toThrow('strconv.ParseFloat');
  });
  it('paths outside the table keep their strings, whatever they look like', () => {
    expect(castAtPath(['services', 'web', 'image'], 'true')).toBe('true');
    expect(castAtPath(['services', 'web', 'environment', 'RETRIES'], '3')).toBe('3');
    expect(castAtPath(['services', 'web', 'ports', 0], '80')).toBe('80');
    expect(castAtPath(['x-custom', 'read_only'], 'false')).toBe('false');
  });
});

describe('casting in the loader, right after interpolation', () => {
  it('`read_only: ${RO:-false}` loads as false', async () => {
    const { project } = await load('services:\n  web:\n    image: x\n    read_only: ${RO:-false}\n');
    expect(project.services.web!.read_only).toBe(false);
  });
  it('`healthcheck.retries: ${N}` is a number, and `disable: "false"` does not disable', async () => {
    const { project } = await load('services:\n  web:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: ${N}\n      disable: "false"\n', { N: '4' });
    expect(project.services.web!.healthcheck).toMatchObject({ retries: 4, disable: false });
  });
  it('`external: ${X}` with X=false is not external, and the volume gets the project-scoped name', async () => {
    const { project } = await load('services:\n  web:\n    image: x\n    volumes: [data:/d]\nvolumes:\n  data:\n    external: ${X}\nnetworks:\n  n:\n    external: "false"\n', { X: 'false' });
    expect(project.volumes.data).toMatchObject({ external: false, name: 'p_data' });
    expect(project.networks.n).toMatchObject({ external: false, name: 'p_n' });
  });
  it('`read_only: "false"` on a volume mount is not read-only; `nocopy: "true"` is', async () => {
    const { project } = await load('services:\n  web:\n    image: x\n    volumes:\n      - { type: volume, source: data, target: /d, read_only: "false", volume: { nocopy: "true" } }\nvolumes:\n  data: {}\n');
    expect(project.services.web!.volumes![0]).toMatchObject({ read_only: false, volume: { nocopy: true } });
  });
  it('integers for scale, ports target, ulimits and depends_on booleans', async () => {
    const { project } = await load('services:\n  db:\n    image: x\n  web:\n    image: x\n    scale: "${S}"\n    ports: [{ target: "${T}", published: "8080" }]\n    ulimits: { nofile: { soft: "${U}", hard: "2048" }, nproc: "512" }\n    depends_on: { db: { condition: service_started, required: "false", restart: "true" } }\n', { S: '2', T: '80', U: '1024' });
    const web = project.services.web!;
    expect(web.scale).toBe(2);
    expect(web.ports![0]).toMatchObject({ target: 80 });
    expect(web.ulimits).toEqual({ nofile: { soft: 1024, hard: 2048 }, nproc: 512 });
    expect(web.depends_on!.db).toMatchObject({ required: false, restart: true });
  });
  it('a value that does not cast is refused at its position, with compose-go\'s sentence', async () => {
    const err = await loadError('services:\n  web:\n    image: x\n    tty: ${TTY}\n', { TTY: 'maybe' });
    expect(err.message).toBe('error while interpolating services.web.tty: failed to cast to expected type: invalid boolean: maybe');
    expect(err.location).toMatchObject({ file: '/p/compose.yaml', line: 4, column: 10 });
  });
  it('a YAML 1.1 boolean word loads with a warning at its position', async () => {
    const { project, warnings } = await load('services:\n  web:\n    image: x\n    privileged: "on"\n');
    expect(project.services.web!.privileged).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^\/p\/compose\.yaml:4:17: services\.web\.privileged: "on" for boolean/)]);
  });
  it('`!override` content is interpolated and cast too', async () => {
    const { project } = await load('services:\n  web:\n    image: x\n    healthcheck: !override { test: ["CMD", "true"], retries: "${N}" }\n', { N: '7' });
    expect(project.services.web!.healthcheck).toMatchObject({ retries: 7 });
  });
});
