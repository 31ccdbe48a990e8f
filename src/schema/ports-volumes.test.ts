import { describe, expect, it } from 'vitest';
import { parseShortPort } from './ports.js';
import { parseShortVolume } from './volumes.js';
import { shellSplit } from './shell-split.js';

describe('port short syntax', () => {
  it.each([
    ['80', [{ mode: 'ingress', target: 80, protocol: 'tcp' }]],
    ['8080:80', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
    ['127.0.0.1:8080:80/udp', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'udp' }]],
    ['127.0.0.1::80', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, protocol: 'tcp' }]],
    ['8000-8001:80-81', [{ mode: 'ingress', target: 80, published: '8000', protocol: 'tcp' }, { mode: 'ingress', target: 81, published: '8001', protocol: 'tcp' }]],
    ['[::1]:8080:80', [{ mode: 'ingress', host_ip: '::1', target: 80, published: '8080', protocol: 'tcp' }]],
  ])('%s', (spec, expected) => {
    expect(parseShortPort(spec)).toEqual(expected);
  });
  it.each(['1:2:3:4', 'abc', '70000:80', '8000-8002:80-81', '80/xyz'])('rejects %s', (spec) => {
    expect(() => parseShortPort(spec)).toThrow();
  });
});

describe('volume short syntax', () => {
  it('tells binds from named volumes', () => {
    expect(parseShortVolume('./data:/data:ro')).toEqual({ type: 'bind', source: './data', target: '/data', read_only: true, bind: { create_host_path: true } });
    expect(parseShortVolume('db:/var/lib/db')).toEqual({ type: 'volume', source: 'db', target: '/var/lib/db', volume: {} });
    expect(parseShortVolume('/anon')).toEqual({ type: 'volume', target: '/anon' });
    expect(parseShortVolume('db:/x:nocopy')).toMatchObject({ volume: { nocopy: true } });
  });
  it.each(['::', 'a:b:c:d', './x:/y:rx', './x:y'])('rejects %s', (spec) => {
    expect(() => parseShortVolume(spec)).toThrow();
  });
});

describe('shellSplit', () => {
  it('splits like a shell', () => {
    expect(shellSplit(`sh -c "echo 'a b' \\"q\\""`)).toEqual(['sh', '-c', `echo 'a b' "q"`]);
    expect(shellSplit("a\\ b 'c d'")).toEqual(['a b', 'c d']);
  });
});
