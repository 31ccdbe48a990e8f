import { describe, expect, it } from 'vitest';
import { loadProject, type LoadOptions } from './index.js';
import type { FileSystem } from './read-files.js';
import { renderConfig } from './render-config.js';

function memoryFs(files: Record<string, string>): FileSystem {
  return { readText: (p) => files[p], readStdin: () => '', exists: (p) => p in files };
}

function load(files: Record<string, string>, options: Partial<LoadOptions> = {}) {
  return loadProject({ cwd: '/p', environment: {}, files: ['/p/compose.yaml'], fs: memoryFs(files), ...options });
}

describe('extends is resolved per file, before merging', () => {
  it('lets !override in the extending service replace what it inherits', async () => {
    const project = await load({ '/p/compose.yaml': [
      'services:',
      '  base: {image: x, depends_on: [other]}',
      '  other: {image: y}',
      '  child:',
      '    extends: base',
      '    depends_on: !override [base]',
    ].join('\n') });
    expect(Object.keys(project.services.child!.depends_on!)).toEqual(['base']);
  });

  it('lets !reset in the extending service drop an inherited sequence', async () => {
    const project = await load({ '/p/compose.yaml': 'services:\n  base: {image: x, volumes: [".:/src"]}\n  child:\n    extends: base\n    volumes: !reset []\n' });
    expect(project.services.child!.volumes).toBeUndefined();
  });

  it('resolves relative paths of a service extended from another file against that file', async () => {
    const project = await load({
      '/p/compose.yaml': 'services:\n  web:\n    extends: {file: sub/base.yaml, service: app}\n',
      '/p/sub/base.yaml': 'services:\n  app:\n    build: {context: ..}\n    volumes: ["./data:/data"]\n',
    });
    expect(project.services.web!.build!.context).toBe('/p');
    expect(project.services.web!.volumes![0]!.source).toBe('/p/sub/data');
  });

  it('gives a build without a context the project directory, even through extends from a subdirectory', async () => {
    const project = await load({
      '/p/compose.yaml': 'services:\n  web:\n    extends: {file: b/compose.yaml, service: b}\n',
      '/p/b/compose.yaml': 'services:\n  b:\n    build: {target: dev}\n',
    });
    expect(project.services.web!.build).toMatchObject({ context: '/p', target: 'dev' });
  });
});

describe('include', () => {
  it('interpolates the included file with its env_file, under the including project\'s variables', async () => {
    const files = {
      '/p/compose.yaml': 'include:\n  - path: inc/compose.yaml\n    env_file: inc.env\nservices:\n  web: {image: x}\n',
      '/p/inc.env': 'TAG=fromfile\nLEVEL=low\n',
      '/p/inc/compose.yaml': 'services:\n  db:\n    image: "db:${TAG}"\n    environment: [LEVEL]\n',
    };
    const plain = await load(files);
    expect(plain.services.db!.image).toBe('db:fromfile');
    expect(plain.services.db!.environment).toEqual({ LEVEL: 'low' });
    const overridden = await load(files, { environment: { TAG: 'fromshell' } });
    expect(overridden.services.db!.image).toBe('db:fromshell');
  });

  it('builds an included service without a context in the include\'s project directory', async () => {
    const project = await load({
      '/p/compose.yaml': 'include:\n  - path: inc/compose.yaml\n    project_directory: other\nservices:\n  web: {image: x}\n',
      '/p/inc/compose.yaml': 'services:\n  app:\n    build: {target: t}\n',
    });
    expect(project.services.app!.build!.context).toBe('/p/other');
  });
});

describe('normalization details', () => {
  it('takes a build arg without a value from the environment and drops it when unset', async () => {
    const project = await load({ '/p/compose.yaml': 'services:\n  web:\n    build: {context: ., args: [SET, UNSET, FIXED=1]}\n' }, { environment: { SET: 'yes' } });
    expect(project.services.web!.build!.args).toEqual({ SET: 'yes', FIXED: '1' });
  });

  it('adds implicit dependencies: namespaces and links restart with their service, volumes_from does not', async () => {
    const project = await load({ '/p/compose.yaml': [
      'services:',
      '  a: {image: x, uts: "service:b", links: [c], volumes_from: [d]}',
      '  b: {image: x}',
      '  c: {image: x}',
      '  d: {image: x}',
    ].join('\n') });
    expect(project.services.a!.depends_on).toEqual({
      b: { condition: 'service_started', required: true, restart: true },
      c: { condition: 'service_started', required: true, restart: true },
      d: { condition: 'service_started', required: true, restart: false },
    });
  });

  it('merges label files under the labels written in the file, and a label without value is empty', async () => {
    const project = await load({
      '/p/compose.yaml': 'services:\n  web:\n    image: x\n    label_file: ./web.labels\n    labels: [keep=mine, empty]\n',
      '/p/web.labels': 'keep=fromfile\nonly=file\n',
    });
    expect(project.services.web!.labels).toEqual({ keep: 'mine', only: 'file', empty: '' });
    expect(project.services.web!.label_file).toEqual(['/p/web.labels']);
  });

  it('gives a pre_start hook without an image the service image', async () => {
    const project = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: alpine\n    pre_start: [{command: [init]}]\n' });
    expect(project.services.web!.pre_start).toEqual([{ command: ['init'], image: 'alpine' }]);
  });

  it('replaces a whole ulimit when a later file sets it', async () => {
    const project = await load({
      '/p/compose.yaml': 'services:\n  web: {image: x, ulimits: {nofile: {soft: 1, hard: 2}}}\n',
      '/p/o.yaml': 'services:\n  web: {ulimits: {nofile: {hard: 3}}}\n',
    }, { files: ['/p/compose.yaml', '/p/o.yaml'] });
    expect(project.services.web!.ulimits).toEqual({ nofile: { hard: 3 } });
  });

  it('leaves resource names out with --no-normalize', async () => {
    const project = await load({ '/p/compose.yaml': 'services:\n  web: {image: x}\nvolumes:\n  data: {}\n' }, { normalize: false });
    expect(project.volumes.data).toEqual({});
  });
});

describe('config rendering', () => {
  it('prints durations, modes, CPUs and memory the way docker compose config does', async () => {
    const project = await load({
      '/p/compose.yaml': [
        'services:',
        '  web:',
        '    image: x',
        '    healthcheck: {test: [CMD, "true"], interval: 90s}',
        '    secrets: [{source: s, mode: 0440}]',
        '    deploy: {resources: {limits: {cpus: "0.5", memory: 50M}}}',
        'secrets:',
        '  s: {file: ./s.txt}',
      ].join('\n'),
      '/p/s.txt': 'x',
    });
    const doc = JSON.parse(renderConfig(project, 'json', { escapeDollars: true }));
    expect(doc.services.web.healthcheck.interval).toBe('1m30s');
    expect(doc.services.web.secrets[0].mode).toBe('0440');
    expect(doc.services.web.deploy.resources.limits).toEqual({ cpus: 0.5, memory: '52428800' });
  });

  it('prints command and entrypoint as null and networks with an ipam in JSON, without nested extensions', async () => {
    const project = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: x\n    x-note: hi\nx-top: kept\n' });
    const doc = JSON.parse(renderConfig(project, 'json', { escapeDollars: true }));
    expect(doc.services.web).toMatchObject({ command: null, entrypoint: null });
    expect(doc.services.web['x-note']).toBeUndefined();
    expect(doc['x-top']).toBe('kept');
    expect(doc.networks.default).toEqual({ ipam: {}, name: 'p_default' });
  });

  it('reads back the octal mode string it prints', async () => {
    const project = await load({ '/p/compose.yaml': 'services:\n  web:\n    image: x\n    secrets: [{source: s, mode: "0440"}]\nsecrets:\n  s: {file: ./s}\n' });
    expect(project.services.web!.secrets![0]!.mode).toBe(0o440);
  });
});

describe('discovery', () => {
  it('takes COMPOSE_FILE from the .env of the working directory', async () => {
    const project = await load({ '/p/.env': 'COMPOSE_FILE=other.yaml\n', '/p/other.yaml': 'services:\n  web: {image: x}\n' }, { files: [] });
    expect(project.meta.configFiles).toEqual(['/p/other.yaml']);
  });
});

describe('devices', () => {
  it('read the short and long forms into source, target and permissions (rwm unless given), and merge by target', async () => {
    const project = await load({
      '/p/compose.yaml': 'services:\n  a:\n    image: x\n    devices: ["/dev/null:/dev/n", "/dev/fuse", {source: /dev/zero, target: /dev/z, permissions: r}]\n',
      '/p/override.yaml': 'services:\n  a:\n    devices: ["/dev/random:/dev/n:rw"]\n',
    }, { files: ['/p/compose.yaml', '/p/override.yaml'] });
    expect(project.services.a!.devices).toEqual([
      { source: '/dev/random', target: '/dev/n', permissions: 'rw' },
      { source: '/dev/fuse', target: '/dev/fuse', permissions: 'rwm' },
      { source: '/dev/zero', target: '/dev/z', permissions: 'r' },
    ]);
  });

  it('refuse permissions other than r, w and m, at the entry', async () => {
    const err = await load({ '/p/compose.yaml': 'services:\n  a:\n    image: x\n    devices: ["/dev/null:/dev/n:rwx"]\n' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'services.a.devices[0]: cgroup permissions must be made of r, w and m, not "rwx"', location: { file: '/p/compose.yaml', line: 4 } });
  });
});
