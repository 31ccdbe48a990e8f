import { describe, expect, it } from 'vitest';
import { canonicalDuration, formatGoDuration } from './go-duration.js';
import { parseDurationNanos } from '../model/units.js';

describe('Go duration formatting', () => {
  it.each([
    ['10s', '10s'], ['120s', '2m0s'], ['60s', '1m0s'], ['1h', '1h0m0s'], ['90m', '1h30m0s'],
    ['1.5s', '1.5s'], ['500ms', '500ms'], ['1m30s', '1m30s'], ['0s', '0s'], ['2us', '2µs'], ['1h1s', '1h0m1s'],
  ])('prints %s as %s like docker compose config', (input, expected) => {
    expect(canonicalDuration(input)).toBe(expected);
  });

  it('keeps a value that is not a duration as written', () => {
    expect(canonicalDuration('soon')).toBe('soon');
    expect(parseDurationNanos('10')).toBeUndefined();
  });

  it('reads a bare number as seconds', () => {
    expect(canonicalDuration(90)).toBe('1m30s');
    expect(formatGoDuration(1_500_000)).toBe('1.5ms');
  });
});
