/**
 * Waits for a service's depends_on condition, driven by the engine's event stream (no fixed polling delay):
 * subscribe first, then check the current state, then re-check on each event about the service's containers.
 */
import type { DependsOnCondition } from '../model/project.js';
import { Labels } from '../model/labels.js';
import type { Engine, ContainerInspect, EngineEvent } from '../engine/engine.js';
import { RuntimeError, CancelledError } from '../errors/index.js';

type Verdict = { done: true } | { done: false } | { failed: string };

function verdictFor(c: ContainerInspect, condition: DependsOnCondition): Verdict {
  const name = c.Name.replace(/^\//, '');
  const s = c.State;
  switch (condition) {
    case 'service_started':
      return s.Status === 'created' ? { done: false } : { done: true };
    case 'service_healthy':
      if (!s.Health) return { failed: `container ${name} has no healthcheck configured` };
      if (s.Health.Status === 'healthy') return { done: true };
      if (s.Health.Status === 'unhealthy') return { failed: `container ${name} is unhealthy` };
      if (!s.Running && s.Status !== 'created' && s.Status !== 'restarting') return { failed: `container ${name} exited (${s.ExitCode}) before becoming healthy` };
      return { done: false };
    case 'service_completed_successfully':
      if (s.Status === 'exited' || s.Status === 'dead') {
        return s.ExitCode === 0 ? { done: true } : { failed: `container ${name} didn't complete successfully: exit ${s.ExitCode}` };
      }
      return { done: false };
  }
}

export async function awaitServiceCondition(
  engine: Engine, projectName: string, serviceName: string, condition: DependsOnCondition, signal: AbortSignal,
): Promise<void> {
  const filterLabels = [`${Labels.project}=${projectName}`, `${Labels.service}=${serviceName}`, `${Labels.oneoff}=False`];
  const local = new AbortController();
  const onAbort = () => local.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let pending: Promise<IteratorResult<EngineEvent>> | undefined;
  try {
    // `since` replays the last second, so a change between subscribing and the first check is not lost.
    const since = Math.floor(Date.now() / 1000) - 1;
    const events = engine.events({ labels: filterLabels, types: ['container'], since }, local.signal)[Symbol.asyncIterator]();
    pending = events.next();
    for (;;) {
      if (signal.aborted) throw new CancelledError();
      const containers = await engine.listContainers({ labels: filterLabels, all: true }, local.signal);
      if (containers.length === 0) throw new RuntimeError(`service ${serviceName} has no container to wait for`);
      const verdicts = await Promise.all(containers.map(async (c) => verdictFor(await engine.inspectContainer(c.id, local.signal), condition)));
      const failed = verdicts.find((v): v is { failed: string } => 'failed' in v);
      if (failed) throw new RuntimeError(`dependency failed to start: ${failed.failed}`);
      if (verdicts.every((v) => 'done' in v && v.done)) return;
      const next = await pending;
      if (next.done) throw new RuntimeError(`lost the engine's event stream while waiting for ${serviceName}`);
      pending = events.next();
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // The subscription is aborted with a read still pending: that read's end is expected, not an error.
    void pending?.catch(() => undefined);
    local.abort();
  }
}
