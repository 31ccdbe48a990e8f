import { describe, expect, it } from 'vitest';
import { LineSplitter, displayName, prefixer, statusLiner } from './log-prefix.js';

describe('log prefixes', () => {
  it('aligns names and ends with a bar', () => {
    const p = prefixer(['web-1', 'database-1'], false);
    expect(p('web-1')).toBe('web-1       | ');
    expect(p('database-1')).toBe('database-1  | ');
  });

  it('drops the project part of container names', () => {
    expect(displayName('shop-web-1', 'shop')).toBe('web-1');
    expect(displayName('custom', 'shop')).toBe('custom');
  });

  it('colors only when asked, in docker compose\'s order: cyan, yellow, green, magenta, blue, then bold', () => {
    const names = Array.from({ length: 7 }, (_, i) => `s${i}-1`);
    expect(prefixer(names, false)('s0-1')).toBe('s0-1  | ');
    expect(names.map((n) => /^\x1b\[([\d;]+)m/.exec(prefixer(names, true)(n))?.[1])).toEqual(['36', '33', '32', '35', '34', '36;1', '33;1']);
  });

  it('status lines name the container in its color', () => {
    expect(statusLiner(['a-1', 'b-1'], false)('b-1', 'exited with code 3')).toBe('b-1 exited with code 3\n');
    expect(statusLiner(['a-1', 'b-1'], true)('b-1', 'exited with code 3')).toBe('\r\x1b[K\x1b[33mb-1 exited with code 3\x1b[0m\n');
  });
});

describe('LineSplitter', () => {
  it('keeps a partial line until its end arrives', () => {
    const lines: string[] = [];
    const s = new LineSplitter();
    s.push('one\ntw', (l) => lines.push(l));
    expect(lines).toEqual(['one']);
    s.push('o\nthree', (l) => lines.push(l));
    s.flush((l) => lines.push(l));
    expect(lines).toEqual(['one', 'two', 'three']);
  });
});
