import { describe, expect, it } from 'vitest';
import { ignoreMatcher, parseIgnoreFile } from './dockerignore.js';

describe('dockerignore', () => {
  const m = ignoreMatcher(parseIgnoreFile('# comment\nnode_modules\n*.log\n!keep.log\nsecret/**\ndocs/*.md\n**/tmp\n'));
  it.each([
    ['node_modules', true],
    ['node_modules/x/y.js', true],
    ['app.log', true],
    ['keep.log', false],
    ['sub/app.log', false],
    ['secret/a/b', true],
    ['docs/readme.md', true],
    ['docs/sub/readme.md', false],
    ['a/b/tmp', true],
    ['a/b/tmp/file', true],
    ['src/index.js', false],
  ])('%s ignored: %s', (path, expected) => {
    expect(m.ignores(path)).toBe(expected);
  });

  it('lets the last matching rule win', () => {
    const last = ignoreMatcher(['!a.txt', '*.txt']);
    expect(last.ignores('a.txt')).toBe(true);
  });

  it('ignores leading ./ and trailing slashes in patterns', () => {
    const m2 = ignoreMatcher(['./build/']);
    expect(m2.ignores('build/out.js')).toBe(true);
  });
});
