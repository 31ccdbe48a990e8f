/**
 * The second Ctrl+C. The first one aborts the command's signal (a graceful stop); by default the second exits at
 * once, but a command that can do better (attached `up` kills its containers, as docker compose does) takes it.
 */
const forceHandlers = new Set<() => void>();

export function onSecondInterrupt(handler: () => void): () => void {
  forceHandlers.add(handler);
  return () => forceHandlers.delete(handler);
}

/** True when a command took the second interrupt; otherwise the caller exits. */
export function forceHandled(): boolean {
  for (const handler of forceHandlers) handler();
  return forceHandlers.size > 0;
}
