import { describe, expect, it } from 'vitest';
import { parseArgs, closest, type FlagSpec } from './args.js';

const specs: FlagSpec[] = [
  { name: 'file', short: 'f', type: 'strings', description: '' },
  { name: 'detach', short: 'd', type: 'boolean', description: '' },
  { name: 'renew-anon-volumes', short: 'V', type: 'boolean', description: '' },
  { name: 'timeout', short: 't', type: 'number', description: '' },
  { name: 'project-name', short: 'p', type: 'string', description: '' },
];

describe('parseArgs', () => {
  it('repeats -f and keeps order', () => {
    const r = parseArgs(['-f', 'a.yaml', '--file=b.yaml', '-fc.yaml'], specs, { context: 't' });
    expect(r.flags.file).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('bundles short booleans and stops global parsing at the command', () => {
    const r = parseArgs(['-p', 'x', 'up', '-dV'], specs, { context: 't', stopAtPositional: true });
    expect(r.flags['project-name']).toBe('x');
    expect(r.positionals).toEqual(['up']);
    expect(r.rest).toEqual(['-dV']);
    const c = parseArgs(r.rest, specs, { context: 'up' });
    expect(c.flags).toEqual({ detach: true, 'renew-anon-volumes': true });
  });

  it('parses numbers and rejects non-numbers with the flag name', () => {
    expect(parseArgs(['-t', '0'], specs, { context: 't' }).flags.timeout).toBe(0);
    expect(() => parseArgs(['-t', 'soon'], specs, { context: 'down' })).toThrow('invalid value "soon" for --timeout (down)');
  });

  it('suggests the closest flag for a typo', () => {
    expect(() => parseArgs(['--detatch'], specs, { context: 'up' })).toThrow('Did you mean --detach?');
  });

  it('passes everything after -- through as positionals', () => {
    expect(parseArgs(['web', '--', 'sh', '-c', 'x'], specs, { context: 't' }).positionals).toEqual(['web', 'sh', '-c', 'x']);
  });

  it('finds close candidates only', () => {
    expect(closest('helthcheck', ['healthcheck', 'hostname'])).toBe('healthcheck');
    expect(closest('zzz', ['healthcheck'])).toBeUndefined();
  });
});
