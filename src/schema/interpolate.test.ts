import { describe, expect, it } from 'vitest';
import { interpolateString } from './interpolate.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (n: string) => env[n];
const sub = (s: string) => interpolateString(s, lookup).value;

describe('interpolation', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['a-${SET}-b', 'a-value-b'],
    ['${UNSET:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${UNSET-def}', 'def'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['$$SET', '$SET'],
    ['cost: $$5', 'cost: $5'],
    ['100%', '100%'],
    ['$', '$'],
  ])('%s → %s', (input, expected) => {
    expect(sub(input)).toBe(expected);
  });

  it('reports unset variables', () => {
    expect(interpolateString('${A}-$B-${C:-x}', lookup).unset).toEqual(['A', 'B']);
  });

  it('fails on required variables with their message', () => {
    expect(() => sub('${UNSET:?please set it}')).toThrow('required variable UNSET is missing a value: please set it');
    expect(() => sub('${EMPTY:?}')).toThrow('required variable EMPTY is missing a value');
    expect(sub('${EMPTY?msg}')).toBe('');
    expect(() => sub('${UNSET?msg}')).toThrow('msg');
  });

  it('rejects malformed templates', () => {
    expect(() => sub('${FOO')).toThrow('invalid interpolation format');
    expect(() => sub('${1abc}')).toThrow('invalid interpolation format');
    expect(() => sub('${FOO:x}')).toThrow('invalid interpolation format');
  });
});
