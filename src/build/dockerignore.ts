/**
 * `.dockerignore` semantics (Docker's builder): patterns are matched against slash-separated paths relative to the
 * context root, `*` and `?` stay within one path segment, `**` spans any number of segments, a leading `!`
 * re-includes, and the last matching pattern wins. A pattern that matches a directory excludes everything below it.
 */

interface Rule { regex: RegExp; negate: boolean }

export interface IgnoreMatcher {
  ignores(relativePath: string): boolean;
  /** True when some `!` rule could re-include a path under this directory, so the walk must go in. */
  mayReinclude(relativeDir: string): boolean;
}

export function parseIgnoreFile(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

function cleanPattern(pattern: string): string {
  let p = pattern.replace(/\\/g, '/').replace(/\/+/g, '/');
  p = p.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return p === '.' ? '' : p;
}

function patternToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else { re += pattern.slice(i, end + 1).replace(/^\[!/, '[^'); i = end; }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A match on a directory covers everything inside it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const rules: Rule[] = patterns.map((raw) => {
    const negate = raw.startsWith('!');
    return { negate, regex: patternToRegex(cleanPattern(negate ? raw.slice(1) : raw)) };
  });
  const hasNegation = rules.some((r) => r.negate);
  return {
    ignores(relativePath: string): boolean {
      const path = cleanPattern(relativePath);
      let ignored = false;
      for (const rule of rules) if (rule.regex.test(path)) ignored = !rule.negate;
      return ignored;
    },
    mayReinclude(): boolean {
      return hasNegation;
    },
  };
}
