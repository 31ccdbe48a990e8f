/**
 * What went wrong with an Engine API call, classified once where the call fails (engine/engine-errors.ts). Plan
 * nodes name these kinds in their failure policies, so no one downstream reads an engine's wording.
 */
export type EngineErrorKind =
  | 'not-found' | 'conflict' | 'not-modified' | 'unavailable' | 'bad-request' | 'unknown'
  /** A network that still has endpoints attached (a container removed a moment ago may still count). */
  | 'in-use'
  /** A container whose engine task outlived an engine restart: only an identical new container starts. */
  | 'stale-task';
