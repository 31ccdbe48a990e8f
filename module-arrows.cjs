/**
 * The module arrows of ../shared/STYLE.md ("allowed imports point down") as data: which src module may import
 * which, the named temporary exceptions, and which modules are pure. `.dependency-cruiser.cjs` turns this into
 * rules; `src/module-boundaries.test.ts` runs them and checks that every exception is still needed.
 *
 * A new arrow is argued for here, not worked around: add it to `arrows` (and to STYLE.md) or, while code is on its
 * way out, to `exceptions` with the reason and who drains it.
 */

/** Which src modules each src module may import (its own files always). */
const arrows = {
  model: [],
  errors: ['model'],   // the engine error kinds are part of the plan's vocabulary (failure policies)
  host: [],
  build: [],
  planner: ['model', 'errors'],
  schema: ['model', 'errors'],
  engine: ['model', 'errors'],
  dns: ['model', 'errors', 'engine', 'host'],
  reconciler: ['model', 'errors', 'engine', 'build'],
  watch: ['model', 'errors', 'engine', 'build', 'core'],
  core: ['model', 'errors', 'engine', 'host', 'planner', 'reconciler', 'schema', 'dns', 'build'],
  cli: ['model', 'errors', 'core'],
};

/**
 * Named, temporary exceptions: [importing file, imported file, why it is still there]. Each one is a single arrow
 * from one file to one file; anything else the file imports follows the table.
 */
const exceptions = [
  // schema → planner: the loader reports dependency cycles with the planner's graph (#14 moves the graph to model).
  ['src/schema/checks.ts', 'src/planner/graph.ts', 'cycle report uses the planner graph; #14 moves it to model'],
  ['src/watch/session.ts', 'src/planner/graph.ts', 'restart of dependents uses the planner graph; #14 moves it to model'],
  // reconciler → host, dns: handlers still write secret files and DNS labels themselves (#14 puts both in the plan).
  ['src/reconciler/handlers.ts', 'src/host/state-dir.ts', 'secret files are written by the handler; #14 plans them'],
  ['src/reconciler/handlers.ts', 'src/dns/labels.ts', 'DNS labels are added by the handler; #14 plans them'],
  // cli → engine, planner, schema, dns, host, build, watch: engine calls and wiring that move into core (#15, `parity`).
  ['src/cli/build-context.ts', 'src/schema/index.ts', 'loads the project itself; core.load replaces it (#15)'],
  ['src/cli/build-context.ts', 'src/engine/docker-engine.ts', 'connects the engine itself; core provides it (#15)'],
  ['src/cli/build-context.ts', 'src/engine/engine.ts', 'Engine type; core re-exports it (#15)'],
  ['src/cli/build-context.ts', 'src/engine/connection.ts', 'connection flag type; core takes the flags (#15, #20)'],
  ['src/cli/commands/build.ts', 'src/planner/graph.ts', 'selects dependencies itself; core build does (#15)'],
  ['src/cli/commands/plugin.ts', 'src/engine/docker-config.ts', 'finds the docker CLI config dir; core provides it (#15, #20)'],
  ['src/cli/context.ts', 'src/engine/engine.ts', 'Engine type for commands that call the engine directly (#15)'],
  ['src/cli/dns-integration.ts', 'src/engine/engine.ts', 'Engine type; the DNS wiring moves into core (#15)'],
  ['src/cli/dns-integration.ts', 'src/dns/lifecycle.ts', 'starts the DNS daemon; the wiring moves into core (#15)'],
  ['src/cli/exec-session.ts', 'src/engine/engine.ts', 'exec calls the engine directly; a core verb replaces it (#15)'],
  ['src/cli/exec-session.ts', 'src/engine/exec-to-completion.ts', 'exec exit codes from the engine; a core verb replaces it (#15)'],
  ['src/cli/logs/log-printer.ts', 'src/engine/engine.ts', 'logs stream from the engine directly; a core verb replaces it (#15)'],
  ['src/cli/commands/ps-format.ts', 'src/engine/engine.ts', 'ps formats engine summaries; core ps returns its own rows (#15)'],
  ['src/cli/commands/config.ts', 'src/schema/render-config.ts', 'config renders with the loader; a core verb replaces it (#15)'],
  ['src/cli/commands/config.ts', 'src/schema/variables.ts', 'config --variables; a core verb replaces it (#15)'],
  ['src/cli/commands/config.ts', 'src/planner/config-hash.ts', 'config --hash; a core verb replaces it (#15)'],
  ['src/cli/commands/cp.ts', 'src/build/tar-entry.ts', 'cp builds its own archive; a core verb replaces it (#15)'],
  ['src/cli/commands/dns.ts', 'src/dns/index.ts', 'dns status/stop; core verbs replace it (#15)'],
  ['src/cli/commands/down.ts', 'src/planner/format-plan.ts', '--dry-run prints the plan; core exports formatPlan (#15)'],
  ['src/cli/commands/up.ts', 'src/planner/format-plan.ts', '--dry-run prints the plan; core exports formatPlan (#15)'],
  ['src/cli/commands/up.ts', 'src/planner/graph.ts', 'selects dependencies itself; core up does (#15)'],
  ['src/cli/commands/lifecycle.ts', 'src/planner/graph.ts', 'selects dependencies itself; core verbs do (#15)'],
  ['src/cli/commands/watch-background.ts', 'src/host/state-dir.ts', 'finds the background watcher files; core watch does (#15)'],
  ['src/cli/commands/watch.ts', 'src/watch/session.ts', 'starts the watch session itself; core watch does (#15)'],
];

/** Node built-ins a pure module may still use. */
const pureBuiltins = { model: [], errors: [], planner: ['crypto'] };

module.exports = { arrows, exceptions, pureBuiltins };
