import { describe, expect, it } from 'vitest';
import { parseResolvConf, parseUpstreamList } from './upstream.js';

describe('upstream configuration', () => {
  it('reads nameserver lines of resolv.conf in order, ignoring everything else', () => {
    const text = '# generated\nsearch example.com\nnameserver 10.255.255.53\nnameserver fe80::1%eth0\nnameserver bogus\noptions ndots:2\n nameserver 1.1.1.1\n';
    expect(parseResolvConf(text)).toEqual([{ host: '10.255.255.53', port: 53 }, { host: 'fe80::1%eth0', port: 53 }, { host: '1.1.1.1', port: 53 }]);
  });

  it('parses the TCOMPOSE_DNS_UPSTREAMS list with optional ports', () => {
    expect(parseUpstreamList('127.0.0.1:5300, 9.9.9.9,[::1]:54')).toEqual([
      { host: '127.0.0.1', port: 5300 }, { host: '9.9.9.9', port: 53 }, { host: '::1', port: 54 },
    ]);
    expect(parseUpstreamList('')).toEqual([]);
  });
});
