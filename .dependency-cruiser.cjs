/**
 * The module arrows of ../shared/STYLE.md ("allowed imports point down"), checked by dependency-cruiser on every
 * import form (static, `export … from`, dynamic `import()`, type-only, either quote). `npx depcruise src` prints
 * the violations; `src/module-boundaries.test.ts` runs the same rules in the unit suite, so CI holds them.
 * The table itself (arrows, named exceptions, pure modules) is `module-arrows.cjs`.
 */

const { arrows, exceptions, pureBuiltins } = require('./module-arrows.cjs');

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const modules = Object.keys(arrows);

/** One rule per module, minus its excepted files; one rule per excepted file, minus its excepted targets. */
function arrowRules() {
  const rules = [];
  for (const [from, allowed] of Object.entries(arrows)) {
    const forbidden = modules.filter((m) => m !== from && !allowed.includes(m));
    if (!forbidden.length) continue;
    const target = `^src/(${forbidden.join('|')})/`;
    const excepted = [...new Set(exceptions.filter(([file]) => file.startsWith(`src/${from}/`)).map(([file]) => file))];
    rules.push({
      name: `${from}-imports-only-${allowed.join('-') || 'itself'}`,
      comment: `src/${from} may import ${allowed.length ? allowed.map((m) => `src/${m}`).join(', ') : 'no other src module'} (STYLE.md)`,
      severity: 'error',
      from: { path: `^src/${from}/`, pathNot: excepted.map((f) => `^${escape(f)}$`) },
      to: { path: target },
    });
    for (const file of excepted) {
      const targets = exceptions.filter(([f]) => f === file).map(([, to]) => `^${escape(to)}$`);
      rules.push({
        name: `${from}-imports-only-${allowed.join('-') || 'itself'}`,
        comment: `as above, with the named exceptions of ${file}`,
        severity: 'error',
        from: { path: `^${escape(file)}$` },
        to: { path: target, pathNot: targets },
      });
    }
  }
  return rules;
}

module.exports = {
  forbidden: [
    ...arrowRules(),
    {
      name: 'entry-imports-no-cli',
      comment: 'src/index.ts is the library entry: everything but the CLI',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/cli/' },
    },
    ...Object.entries(pureBuiltins).map(([from, allowed]) => ({
      name: `${from}-is-pure`,
      comment: `src/${from} uses no Node built-in${allowed.length ? ` but ${allowed.join(', ')}` : ''} and no package: it is tested as pure functions`,
      severity: 'error',
      from: { path: `^src/${from}/` },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'], pathNot: allowed.map((b) => `^(node:)?${b}$`) },
    })),
    {
      name: 'docker-client-only-in-engine',
      comment: 'the Engine interface is tcompose\'s own types; only src/engine talks to a Docker client library',
      severity: 'error',
      from: { pathNot: '^src/engine/' },
      to: { path: '(^|/)node_modules/(dockerode|docker-modem)/' },
    },
    {
      name: 'no-runtime-cycle',
      comment: 'modules that need each other at run time (type-only imports may go both ways)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'resolvable',
      comment: 'an import that resolves to nothing is a typo or a missing package',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    exclude: { path: '(\\.test\\.ts|test-builders\\.ts)$' },
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
