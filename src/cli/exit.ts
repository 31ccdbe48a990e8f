/** The only place that turns errors into text and exit codes (docker compose's codes: 1 failure, 130 cancelled). */
import { CancelledError, ComposeError, ComposeErrors, EngineError, RuntimeError, UsageError, isCancelled } from '../errors/index.js';

export function formatComposeError(e: ComposeError): string {
  // The message already names the key path where it helps (the loader words it); here only the position is added.
  const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : '';
  return `${where}${e.message}${e.hint ? ` (${e.hint})` : ''}`;
}

export function describeError(err: unknown): { message: string; exitCode: number } {
  if (err instanceof ComposeErrors) return { message: err.errors.map(formatComposeError).join('\n'), exitCode: 1 };
  if (err instanceof ComposeError) return { message: formatComposeError(err), exitCode: 1 };
  if (err instanceof UsageError) return { message: `${err.message}\nRun 'tcompose --help' for usage.`, exitCode: 1 };
  if (err instanceof CancelledError || isCancelled(err)) return { message: 'cancelled', exitCode: 130 };
  if (err instanceof RuntimeError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof EngineError) return { message: err.message, exitCode: 1 };
  const e = err as Error;
  return { message: `internal error: ${e?.message ?? String(err)} (please report it with --verbose output)`, exitCode: 1 };
}

/** Print the error in one paragraph; a stack only with --verbose or DEBUG. */
export function reportError(err: unknown, stderr: (s: string) => void, verbose: boolean): number {
  const { message, exitCode } = describeError(err);
  stderr(`${message}\n`);
  if (verbose && err instanceof Error && err.stack) stderr(`${err.stack}\n`);
  return exitCode;
}
