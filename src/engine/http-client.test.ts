import { describe, expect, it, onTestFinished } from 'vitest';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHttp, queryString } from './http-client.js';
import { pullQuery } from './docker-engine.js';
import { connectionFromEnv } from './connection.js';

describe('Engine API requests', () => {
  it('encode objects and arrays as JSON, booleans as words, and leave undefined out of the query', () => {
    expect(queryString({ all: true, filters: { label: ['a=b'] }, t: 0, since: undefined })).toBe(
      `?all=true&filters=${encodeURIComponent('{"label":["a=b"]}')}&t=0`);
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('pull the named tag, latest when none is named, and a digest as it is', () => {
    expect(pullQuery('busybox')).toEqual({ fromImage: 'busybox', tag: 'latest' });
    expect(pullQuery('127.0.0.1:5000/team/app:1.2')).toEqual({ fromImage: '127.0.0.1:5000/team/app', tag: '1.2' });
    expect(pullQuery('127.0.0.1:5000/app')).toEqual({ fromImage: '127.0.0.1:5000/app', tag: 'latest' });
    expect(pullQuery('app@sha256:abc')).toEqual({ fromImage: 'app@sha256:abc' });
  });

  it('trace engine calls only when TCOMPOSE_TRACE_ENGINE is set', () => {
    expect(connectionFromEnv({}).trace).toBeUndefined();
    expect(connectionFromEnv({ TCOMPOSE_TRACE_ENGINE: '1' }).trace).toBeTypeOf('function');
    expect(connectionFromEnv({ DOCKER_HOST: 'unix:///tmp/d.sock' })).toMatchObject({ socketPath: '/tmp/d.sock', endpoint: 'unix:///tmp/d.sock' });
  });

  it('close the connection when the engine refuses an upgrade, so a failed exec does not keep the CLI alive', async () => {
    // The engine answers a refused exec start (the container stopped meanwhile) and keeps the connection open.
    const dir = await mkdtemp(join(tmpdir(), 'tc-http-'));
    const server = createServer({ keepAliveTimeout: 60_000 }, (_req, res) => {
      res.writeHead(409, { 'Content-Type': 'application/json' }).end('{"message":"Container abc is not running"}');
    });
    onTestFinished(async () => { server.closeAllConnections(); server.close(); await rm(dir, { recursive: true, force: true }); });
    const socketPath = join(dir, 'engine.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const closed = new Promise<void>((resolve) => server.on('connection', (socket) => socket.on('close', () => resolve())));
    const http = new EngineHttp({ socketPath, protocol: 'http', endpoint: `unix://${socketPath}` });
    await expect(http.hijack('POST', '/exec/abc/start', { body: { Detach: false } })).rejects.toMatchObject({ statusCode: 409, message: 'Container abc is not running' });
    await closed;
  });
});
