import { describe, expect, it } from 'vitest';
import { loadProject, type LoadOptions } from './index.js';
import type { FileSystem } from './read-files.js';
import { ComposeError } from '../errors/index.js';

function memoryFs(files: Record<string, string>): FileSystem {
  return {
    readText: (p) => files[p],
    readStdin: () => '',
    exists: (p) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
  };
}

async function load(files: Record<string, string>, options: Partial<LoadOptions> = {}) {
  const warnings: string[] = [];
  const project = await loadProject({
    cwd: '/p', environment: {}, files: ['/p/compose.yaml'], fs: memoryFs(files), onWarning: (w) => warnings.push(w), ...options,
  });
  return { project, warnings };
}

async function loadError(files: Record<string, string>, options: Partial<LoadOptions> = {}): Promise<ComposeError> {
  try {
    await load(files, options);
  } catch (err) {
    if (err instanceof ComposeError) return err;
    throw err;
  }
  throw new Error('expected the load to fail');
}

describe('project name', () => {
  const compose = 'services:\n  web:\n    image: x\n';
  it('comes from -p, then COMPOSE_PROJECT_NAME, then name:, then the directory', async () => {
    expect((await load({ '/p/compose.yaml': `name: fromfile\n${compose}` }, { projectName: 'flag', environment: { COMPOSE_PROJECT_NAME: 'env' } })).project.name).toBe('flag');
    expect((await load({ '/p/compose.yaml': `name: fromfile\n${compose}` }, { environment: { COMPOSE_PROJECT_NAME: 'env' } })).project.name).toBe('env');
    expect((await load({ '/p/compose.yaml': `name: fromfile\n${compose}` })).project.name).toBe('fromfile');
    expect((await load({ '/My.Dir/compose.yaml': compose }, { cwd: '/My.Dir', files: ['/My.Dir/compose.yaml'] })).project.name).toBe('mydir');
  });
  it('rejects an invalid explicit name', async () => {
    expect((await loadError({ '/p/compose.yaml': compose }, { projectName: 'Bad Name' })).message).toContain('invalid project name "Bad Name"');
  });
});

describe('environment and interpolation', () => {
  it('reads .env from the project directory, and the OS environment wins', async () => {
    const { project } = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: "${IMG}:${TAG}"\n', '/p/.env': 'IMG=fromdotenv\nTAG=1\n' }, { environment: { TAG: '2' } });
    expect(project.services.web!.image).toBe('fromdotenv:2');
  });
  it('uses --env-file instead of .env, later files winning', async () => {
    const files = { '/p/compose.yaml': 'services:\n  web:\n    image: "${IMG}"\n', '/p/.env': 'IMG=dotenv\n', '/p/a.env': 'IMG=a\n', '/p/b.env': 'IMG=b\n' };
    expect((await load(files, { envFiles: ['a.env', 'b.env'] })).project.services.web!.image).toBe('b');
  });
  it('warns about an unset variable with its file and line, suggesting $$', async () => {
    const { warnings } = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: x\n    command: echo $UNSET_THING\n' });
    expect(warnings).toEqual([expect.stringContaining('/p/compose.yaml:4:14: the "UNSET_THING" variable is not set')]);
    expect(warnings[0]).toContain('$$');
  });
  it('never interpolates keys', async () => {
    const { project } = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: x\n    labels:\n      ${KEY}: v\n' }, { environment: { KEY: 'k' } });
    expect(project.services.web!.labels).toEqual({ '${KEY}': 'v' });
  });
});

describe('multiple files', () => {
  it('merges -f files in order and points errors at the file that has them', async () => {
    const files = { '/p/compose.yaml': 'services:\n  web:\n    image: x\n    ports: ["80:80"]\n', '/p/override.yaml': 'services:\n  web:\n    ports: ["81:81"]\n    imagee: y\n' };
    const err = await loadError(files, { files: ['/p/compose.yaml', '/p/override.yaml'] });
    expect(err.location).toEqual({ file: '/p/override.yaml', line: 4, column: 5 });
    expect(err.hint).toContain('did you mean "image"');
    const ok = { '/p/compose.yaml': files['/p/compose.yaml'], '/p/override.yaml': 'services:\n  web:\n    ports: ["81:81"]\n' };
    expect((await load(ok, { files: ['/p/compose.yaml', '/p/override.yaml'] })).project.services.web!.ports!.map((p) => p.target)).toEqual([80, 81]);
  });
  it('resolves relative paths against the project directory', async () => {
    const { project } = await load({ '/p/compose.yaml': 'services:\n  web:\n    build: ./app\n    volumes: ["./data:/data"]\n', '/p/app/Dockerfile': '' });
    expect(project.services.web!.build!.context).toBe('/p/app');
    expect(project.services.web!.volumes![0]!.source).toBe('/p/data');
  });
});

describe('extends, include and profiles', () => {
  it('extends a service in another file, own keys winning', async () => {
    const { project } = await load({
      '/p/compose.yaml': 'services:\n  web:\n    extends: { file: base.yaml, service: base }\n    environment: { B: "2" }\n',
      '/p/base.yaml': 'services:\n  base:\n    image: base\n    environment: { A: "1", B: "1" }\n',
    });
    expect(project.services.web).toMatchObject({ image: 'base', environment: { A: '1', B: '2' } });
  });
  it('includes a file with its own project directory', async () => {
    const { project } = await load({
      '/p/compose.yaml': 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: x\n    depends_on: [db]\n',
      '/p/sub/compose.yaml': 'services:\n  db:\n    build: ./db\n',
      '/p/sub/db/Dockerfile': '',
    });
    expect(project.services.db!.build!.context).toBe('/p/sub/db');
  });
  it('enables a profile with --profile, with *, or by naming one of its services', async () => {
    const files = { '/p/compose.yaml': 'services:\n  web:\n    image: x\n  debug:\n    image: y\n    profiles: [dev]\n' };
    expect(Object.keys((await load(files)).project.services)).toEqual(['web']);
    expect(Object.keys((await load(files, { profiles: ['dev'] })).project.services)).toEqual(['web', 'debug']);
    expect(Object.keys((await load(files, { profiles: ['*'] })).project.services)).toEqual(['web', 'debug']);
    expect(Object.keys((await load(files, { services: ['debug'] })).project.services)).toEqual(['web', 'debug']);
    expect(Object.keys((await load(files, { environment: { COMPOSE_PROFILES: 'dev' } })).project.services)).toEqual(['web', 'debug']);
  });
});

describe('normalization', () => {
  it('turns short syntax into long syntax and adds the default network', async () => {
    const { project } = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: x\n    environment: [A=1, B]\n    depends_on: [db]\n    command: echo "a b"\n    env_file: web.env\n  db:\n    image: y\n', '/p/web.env': 'FROM_FILE=1\nA=0\n' });
    const web = project.services.web!;
    expect(web.environment).toEqual({ FROM_FILE: '1', A: '1', B: null });
    expect(web.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(web.command).toEqual(['echo', 'a b']);
    expect(web.networks).toEqual({ default: null });
    expect(project.networks.default!.name).toBe('p_default');
  });
  it('names volumes <project>_<key> unless external or named', async () => {
    const { project } = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: x\nvolumes:\n  data:\n  ext:\n    external: true\n  named:\n    name: custom\n' });
    expect(Object.fromEntries(Object.entries(project.volumes).map(([k, v]) => [k, v.name]))).toEqual({ data: 'p_data', ext: 'ext', named: 'custom' });
  });
});
