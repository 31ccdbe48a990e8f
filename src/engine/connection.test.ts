import { describe, expect, it, onTestFinished } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConnection } from './connection.js';
import { sshArgs } from './ssh-dial.js';

function configDir(files: { config?: object; contexts?: Record<string, { host: string; skipTls?: boolean; tls?: Record<string, string> }> } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tc-docker-config-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  if (files.config) writeFileSync(join(dir, 'config.json'), JSON.stringify(files.config));
  for (const [name, c] of Object.entries(files.contexts ?? {})) {
    const id = createHash('sha256').update(name).digest('hex');
    mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true });
    writeFileSync(join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: c.host, SkipTLSVerify: c.skipTls ?? false } } }));
    if (c.tls) {
      mkdirSync(join(dir, 'contexts', 'tls', id, 'docker'), { recursive: true });
      for (const [file, text] of Object.entries(c.tls)) writeFileSync(join(dir, 'contexts', 'tls', id, 'docker', file), text);
    }
  }
  return dir;
}

describe('where the engine is, as the docker CLI decides it', () => {
  it('uses the default socket when nothing names an engine', () => {
    const c = resolveConnection({}, { DOCKER_CONFIG: configDir() });
    expect(c).toMatchObject({ transport: { kind: 'unix', socketPath: '/var/run/docker.sock' }, context: 'default', chosenBy: 'default', endpoint: 'unix:///var/run/docker.sock' });
  });

  it('takes --host over DOCKER_HOST, DOCKER_HOST over DOCKER_CONTEXT, DOCKER_CONTEXT over currentContext', () => {
    const dir = configDir({ config: { currentContext: 'cfg' }, contexts: { cfg: { host: 'unix:///cfg.sock' }, envctx: { host: 'unix:///env.sock' } } });
    const env = { DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///host.sock', DOCKER_CONTEXT: 'envctx' };
    expect(resolveConnection({ hosts: ['unix:///flag.sock'] }, env).transport).toEqual({ kind: 'unix', socketPath: '/flag.sock' });
    expect(resolveConnection({}, env)).toMatchObject({ transport: { socketPath: '/host.sock' }, chosenBy: 'DOCKER_HOST', context: 'default' });
    expect(resolveConnection({}, { ...env, DOCKER_HOST: '' })).toMatchObject({ transport: { socketPath: '/env.sock' }, context: 'envctx', chosenBy: 'DOCKER_CONTEXT' });
    expect(resolveConnection({}, { DOCKER_CONFIG: dir })).toMatchObject({ transport: { socketPath: '/cfg.sock' }, context: 'cfg' });
    expect(resolveConnection({ context: 'envctx' }, env)).toMatchObject({ transport: { socketPath: '/env.sock' }, chosenBy: '--context' });
  });

  it('refuses --host with --context, and a context that does not exist, naming where it looked', () => {
    const dir = configDir();
    expect(() => resolveConnection({ hosts: ['unix:///a'], context: 'x' }, { DOCKER_CONFIG: dir })).toThrow(/either specify --host or --context, not both/);
    expect(() => resolveConnection({ context: 'nope' }, { DOCKER_CONFIG: dir })).toThrow(new RegExp(`context "nope" does not exist .*${dir}`));
  });

  it('parses tcp, ssh and bare addresses; plain TCP is warned about', () => {
    const env = { DOCKER_CONFIG: configDir() };
    expect(resolveConnection({ hosts: ['tcp://10.0.0.1'] }, env)).toMatchObject({ transport: { kind: 'tcp', host: '10.0.0.1', port: 2375 }, insecureWarning: expect.stringContaining('plain TCP') });
    expect(resolveConnection({ hosts: ['example.org:1234'] }, env).transport).toEqual({ kind: 'tcp', host: 'example.org', port: 1234 });
    expect(resolveConnection({ hosts: ['ssh://me@box:2222'] }, env).transport).toEqual({ kind: 'ssh', user: 'me', host: 'box', port: 2222 });
    expect(resolveConnection({ hosts: ['ssh://box/run/user/1000/docker.sock'] }, env).transport).toEqual({ kind: 'ssh', host: 'box', socketPath: '/run/user/1000/docker.sock' });
    expect(() => resolveConnection({ hosts: ['npipe:////./pipe/docker_engine'] }, env)).toThrow(/unsupported engine address/);
  });

  it('turns TLS on with DOCKER_TLS_VERIFY and reads the certificates from the config directory when DOCKER_CERT_PATH is unset', () => {
    const dir = configDir();
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    const c = resolveConnection({}, { DOCKER_CONFIG: dir, DOCKER_HOST: 'tcp://127.0.0.1', DOCKER_TLS_VERIFY: '1' });
    expect(c.transport).toMatchObject({ kind: 'tcp', port: 2376, tls: { verify: true, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY') } });
    expect(c.insecureWarning).toBeUndefined();
    // No host but TLS asked for: the docker CLI's TLS default.
    expect(resolveConnection({ tlsVerify: true }, { DOCKER_CONFIG: dir }).transport).toMatchObject({ kind: 'tcp', host: 'localhost', port: 2376 });
    expect(() => resolveConnection({}, { DOCKER_CONFIG: configDir(), DOCKER_HOST: 'tcp://127.0.0.1', DOCKER_TLS_VERIFY: '1' })).toThrow(/ca\.pem cannot be read.*DOCKER_CERT_PATH/);
  });

  it('takes a named context its TLS material and its skip-verify setting', () => {
    const dir = configDir({ contexts: { remote: { host: 'tcp://10.1.1.1:2376', skipTls: true, tls: { 'ca.pem': 'CA' } } } });
    expect(resolveConnection({ context: 'remote' }, { DOCKER_CONFIG: dir }).transport).toEqual({ kind: 'tcp', host: '10.1.1.1', port: 2376, tls: { verify: false, ca: Buffer.from('CA'), cert: undefined, key: undefined } });
  });

  it('calls ssh as the docker CLI does', () => {
    expect(sshArgs({ user: 'me', host: 'box', port: 2222 })).toEqual(['-o', 'ConnectTimeout=30', '-T', '-l', 'me', '-p', '2222', '--', 'box', 'docker', 'system', 'dial-stdio']);
    expect(sshArgs({ host: 'box', socketPath: '/run/d.sock' })).toEqual(['-o', 'ConnectTimeout=30', '-T', '--', 'box', 'docker', '--host=unix:///run/d.sock', 'system', 'dial-stdio']);
  });
});
