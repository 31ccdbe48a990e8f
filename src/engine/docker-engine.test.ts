import { describe, expect, it, onTestFinished } from 'vitest';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerEngine, pullQuery } from './docker-engine.js';
import { resolveConnection } from './connection.js';
import { daemonMessageOf } from './engine-errors.js';

describe('DockerEngine', () => {
  it('pulls the named tag, latest when none is named, and a digest as it is', () => {
    expect(pullQuery('busybox')).toEqual({ fromImage: 'busybox', tag: 'latest' });
    expect(pullQuery('127.0.0.1:5000/team/app:1.2')).toEqual({ fromImage: '127.0.0.1:5000/team/app', tag: '1.2' });
    expect(pullQuery('127.0.0.1:5000/app')).toEqual({ fromImage: '127.0.0.1:5000/app', tag: 'latest' });
    expect(pullQuery('app@sha256:abc')).toEqual({ fromImage: 'app@sha256:abc' });
  });

  it('reports the engine\'s own message, not docker-modem\'s wording around it', () => {
    expect(daemonMessageOf({ message: '(HTTP code 404) no such container - No such container: abc ' })).toBe('No such container: abc');
    expect(daemonMessageOf({ message: 'whatever', json: { message: 'from the engine' } })).toBe('from the engine');
  });

  it('a refused exec upgrade leaves no connection that keeps the CLI alive', async () => {
    // The engine answers a refused exec start (the container stopped meanwhile) and keeps the connection open.
    const dir = await mkdtemp(join(tmpdir(), 'tc-engine-'));
    const seen: string[] = [];
    const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url?.endsWith('/exec')) res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"Id":"e1"}');
      else res.writeHead(409, { 'Content-Type': 'application/json' }).end('{"message":"Container abc is not running"}');
    });
    onTestFinished(async () => { server.closeAllConnections(); server.close(); await rm(dir, { recursive: true, force: true }); });
    const socketPath = join(dir, 'engine.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const serverSide: import('node:net').Socket[] = [];
    server.on('connection', (socket) => serverSide.push(socket));
    const pipes = () => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length;
    const before = pipes();
    const engine = new DockerEngine({ connection: resolveConnection({ hosts: [`unix://${socketPath}`] }, { DOCKER_CONFIG: dir }) });
    await expect(engine.execContainer('abc', { cmd: ['true'] })).rejects.toMatchObject({ kind: 'conflict', message: 'exec in container abc: Container abc is not running' });
    expect(seen).toEqual(['POST /containers/abc/exec', 'POST /exec/e1/start']);
    await new Promise((r) => setTimeout(r, 100));
    // The server's end of each connection is this process's too; the client's end must not hold the loop (an
    // idle keep-alive connection is unref'd by the agent).
    expect(serverSide.length).toBeGreaterThan(0);
    expect(pipes()).toBe(before + serverSide.filter((socket) => !socket.destroyed).length);
  });

  it('twenty calls sharing one cancelling signal raise no listener-leak warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tc-engine-'));
    const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]'));
    onTestFinished(async () => { server.closeAllConnections(); server.close(); await rm(dir, { recursive: true, force: true }); });
    const socketPath = join(dir, 'engine.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    onTestFinished(() => { process.off('warning', onWarning); });
    const engine = new DockerEngine({ connection: resolveConnection({ hosts: [`unix://${socketPath}`] }, { DOCKER_CONFIG: dir }) });
    const signal = new AbortController().signal;
    await Promise.all(Array.from({ length: 20 }, () => engine.listContainers({}, signal)));
    await new Promise((r) => setImmediate(r));
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
