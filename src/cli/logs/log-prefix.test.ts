import { describe, expect, it } from 'vitest';
import { LineSplitter, displayName, prefixer } from './log-prefix.js';

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

  it('colors only when asked', () => {
    expect(prefixer(['a-1'], true)('a-1')).toContain('\x1b[');
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
