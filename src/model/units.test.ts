import { describe, expect, it } from 'vitest';
import { byteSize, durationNanos, durationWholeSeconds, parseByteSize, parseDurationNanos } from './units.js';

describe('compose durations', () => {
  it.each([
    ['10s', 10e9], ['1m30s', 90e9], ['1.5s', 1.5e9], ['500ms', 500e6], ['2us', 2e3], ['2µs', 2e3], ['1h', 3600e9], [' 3s ', 3e9],
  ])('reads %s as %d ns', (text, nanos) => {
    expect(parseDurationNanos(text)).toBe(nanos);
  });

  it('reads a bare number as seconds', () => {
    expect(durationNanos(2)).toBe(2e9);
  });

  it('is not a duration without a unit, or with text after it', () => {
    expect(parseDurationNanos('10')).toBeUndefined();
    expect(parseDurationNanos('10s later')).toBeUndefined();
    expect(() => durationNanos('soon')).toThrow('invalid duration "soon"');
  });

  it('drops the fraction of a second as docker compose does for stop_grace_period', () => {
    expect(durationWholeSeconds('1500ms')).toBe(1);
    expect(durationWholeSeconds('1.9s')).toBe(1);
    expect(durationWholeSeconds('500ms')).toBe(0);
    expect(durationWholeSeconds('2m')).toBe(120);
    expect(durationWholeSeconds(undefined)).toBeUndefined();
  });
});

describe('byte sizes', () => {
  it.each([
    ['512m', 512 * 1024 ** 2], ['1gb', 1024 ** 3], ['1G', 1024 ** 3], ['2048', 2048], ['64k', 65536], ['1.5k', 1536], ['0.5b', 0],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('keeps numbers as bytes and refuses unknown units', () => {
    expect(byteSize(1000)).toBe(1000);
    expect(parseByteSize('3 parsecs')).toBeUndefined();
    expect(() => byteSize('1x')).toThrow('invalid size "1x"');
    expect(byteSize(undefined)).toBeUndefined();
  });
});
