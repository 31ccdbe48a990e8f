import { describe, expect, it } from 'vitest';
import { queryString } from './http-client.js';
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
});
