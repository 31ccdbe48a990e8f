import { describe, expect, it } from 'vitest';
import { inSubnet } from './subnet.js';

describe('subnet membership', () => {
  it('matches IPv4 addresses against CIDR subnets', () => {
    expect(inSubnet('172.16.14.7', '172.16.14.0/24')).toBe(true);
    expect(inSubnet('::ffff:172.16.14.7', '172.16.14.0/24')).toBe(true);
    expect(inSubnet('172.16.15.7', '172.16.14.0/24')).toBe(false);
    expect(inSubnet('10.1.2.3', '0.0.0.0/0')).toBe(true);
    expect(inSubnet('fe80::1', '172.16.14.0/24')).toBe(false);
  });
});
