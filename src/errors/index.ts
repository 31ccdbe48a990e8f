/**
 * Typed errors. Core code throws these; only the CLI turns them into text and exit codes.
 */

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A mistake in the user's compose files, flags or environment. */
export class ComposeError extends Error {
  override readonly name = 'ComposeError';
  readonly location?: SourceLocation;
  /** Key path such as `services.web.ports[0]`. */
  readonly path?: string;
  readonly hint?: string;
  constructor(message: string, options: { location?: SourceLocation; path?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.location = options.location;
    this.path = options.path;
    this.hint = options.hint;
  }
}

/** Several user mistakes found at once (validation collects, it does not stop at the first). */
export class ComposeErrors extends Error {
  override readonly name = 'ComposeErrors';
  constructor(readonly errors: ComposeError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** Wrong command-line usage (unknown flag, missing argument). Exit code 1 like docker compose. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

import type { EngineErrorKind } from '../model/engine-error-kind.js';

export type { EngineErrorKind };

/** An Engine API call that failed, classified once by status code. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(readonly kind: EngineErrorKind, message: string, options: { cause?: unknown; statusCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.statusCode = options.statusCode;
  }
  readonly statusCode?: number;
}

/** The operation was cancelled (Ctrl+C, SIGTERM). Exit code 130. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

/** A failure at run time that is neither a config mistake nor an engine error (a dependency failed its healthcheck…). */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(message: string, readonly exitCode = 1, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof CancelledError || (err instanceof Error && err.name === 'AbortError');
}
