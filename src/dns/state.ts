/**
 * Keeps the DNS table in step with the engine: a full read at start, then the event stream (container start, die,
 * destroy, pause, health_status; network connect, disconnect, create, destroy), with a full resync whenever the
 * stream breaks and every `resyncIntervalMs` as a safety net. Events and resyncs go through one queue, in order, so
 * an older read never overwrites a newer change. Health, die and pause events are applied from the event itself;
 * the others re-inspect the container.
 */
import type { Engine, EngineEvent, NetworkSummary } from '../engine/engine.js';
import { EngineError } from '../errors/index.js';
import { Labels } from '../model/labels.js';
import { dnsContainerFromInspect, updatedByEvent, type DnsContainer } from './dns-container.js';
import { DnsLabels, DEFAULT_DNS_INSTANCE } from './labels.js';
import { RecordTable } from './records.js';
import { inSubnet } from './subnet.js';

export interface DnsStateOptions {
  engine: Engine;
  /** Serve only containers and networks whose dns-instance label (absent: `default`) equals this. */
  instance?: string;
  warn: (message: string) => void;
  /** Called after the table or the set of networks changed. */
  onChange?: () => void;
  resyncIntervalMs?: number;
}

/** Container events that need an inspect (start brings addresses; rename a name); `kill` and `oom` are followed by `die`. */
const CONTAINER_ACTIONS = new Set(['start', 'restart', 'die', 'stop', 'pause', 'unpause', 'destroy', 'rename']);

export class DnsState {
  private containers = new Map<string, DnsContainer>();
  private served: NetworkSummary[] = [];
  private current = new RecordTable([]);
  private readonly abort = new AbortController();
  private queue: Promise<void> = Promise.resolve();
  private resyncing: Promise<void> | undefined;
  private readonly lastRefreshFor = new Map<string, number>();
  private readonly instance: string;

  constructor(private readonly options: DnsStateOptions) {
    this.instance = options.instance ?? DEFAULT_DNS_INSTANCE;
  }

  get table(): RecordTable { return this.current; }
  /** tcompose networks (label com.docker.compose.project) this instance serves. */
  get networks(): readonly NetworkSummary[] { return this.served; }

  /** Resolves after the first full read; events then keep the table current until `stop()`. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => { void this.followEvents(resolve); });
    await ready;
    const timer = setInterval(() => { void this.resync().catch((e) => this.options.warn(`DNS resync failed: ${(e as Error).message}`)); }, this.options.resyncIntervalMs ?? 30_000);
    timer.unref();
    this.abort.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  stop(): void { this.abort.abort(); }

  /**
   * Full read of containers and networks; concurrent callers share one read. It runs in the event queue: a read that
   * started before an event must not overwrite what that event applied, so events wait for it and apply after.
   */
  resync(): Promise<void> {
    if (!this.resyncing) {
      const run = this.queue.then(() => this.readAll());
      this.queue = run.catch(() => undefined);
      this.resyncing = run.finally(() => { this.resyncing = undefined; });
    }
    return this.resyncing;
  }

  /**
   * An unknown source inside a served subnet (a container that asks before its start event reached us) triggers a
   * resync, at most once a second per address so a stranger cannot make us hammer the engine; others are refused as is.
   */
  async refreshFor(address: string): Promise<void> {
    if (!this.served.some((n) => n.subnets.some((s) => inSubnet(address, s)))) return;
    if (this.resyncing) await this.resyncing; // it may have started before this container existed
    if (this.current.containerAt(address)) return;
    const now = Date.now();
    if (now - (this.lastRefreshFor.get(address) ?? 0) < 1000) return;
    if (this.lastRefreshFor.size > 1000) this.lastRefreshFor.clear();
    this.lastRefreshFor.set(address, now);
    await this.resync();
  }

  private serves(labels: Record<string, string>): boolean {
    return !!labels[Labels.project] && (labels[DnsLabels.instance] || DEFAULT_DNS_INSTANCE) === this.instance;
  }

  private async readAll(): Promise<void> {
    const { engine } = this.options;
    const signal = this.abort.signal;
    const [summaries, networks] = await Promise.all([
      engine.listContainers({ labels: [Labels.project], all: true }, signal),
      engine.listNetworks({ labels: [Labels.project] }, signal),
    ]);
    const next = new Map<string, DnsContainer>();
    const ours = summaries.filter((s) => this.serves(s.labels));
    for (let i = 0; i < ours.length; i += 8) {
      const batch = await Promise.all(ours.slice(i, i + 8).map((s) => this.inspect(s.id)));
      for (const c of batch) if (c) next.set(c.id, c);
    }
    this.containers = next;
    this.served = networks.filter((n) => this.serves(n.labels));
    this.publish();
  }

  private async inspect(id: string): Promise<DnsContainer | undefined> {
    try {
      const c = dnsContainerFromInspect(await this.options.engine.inspectContainer(id, this.abort.signal));
      return c && c.instance === this.instance ? c : undefined;
    } catch (err) {
      // Removed between the event and the inspect: drop it. Anything else (engine restarting…) must not empty the
      // table: the error surfaces and the next resync repairs what this event would have changed.
      if (err instanceof EngineError && err.kind === 'not-found') return undefined;
      throw err;
    }
  }

  private publish(): void {
    this.current = new RecordTable([...this.containers.values()]);
    this.options.onChange?.();
  }

  private async followEvents(ready: () => void): Promise<void> {
    let backoff = 250;
    let firstRound = true;
    while (!this.abort.signal.aborted) {
      try {
        // `since` one second back replays what happened while (re)subscribing; a replayed event only costs an inspect.
        const since = Math.floor(Date.now() / 1000) - 1;
        const stream = this.options.engine.events({ types: ['container', 'network'], since }, this.abort.signal)[Symbol.asyncIterator]();
        const first = stream.next(); // subscribing before the read, so nothing between the two is lost
        first.catch(() => undefined); // handled when awaited below
        await this.resync();
        if (firstRound) { firstRound = false; ready(); }
        backoff = 250;
        for (let item = await first; !item.done; item = await stream.next()) this.enqueue(item.value);
        if (!this.abort.signal.aborted) this.options.warn('engine event stream ended; resyncing');
      } catch (err) {
        if (this.abort.signal.aborted) break;
        this.options.warn(`engine event stream failed (${(err as Error).message}); resyncing`);
        if (firstRound) { firstRound = false; ready(); }
      }
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 5000);
    }
  }

  private enqueue(event: EngineEvent): void {
    this.queue = this.queue.then(() => this.apply(event)).catch((e) => {
      if (this.abort.signal.aborted) return;
      this.options.warn(`DNS event ${event.action}: ${(e as Error).message}; resyncing`);
      void this.resync().catch(() => undefined);
    });
  }

  private async apply(event: EngineEvent): Promise<void> {
    if (event.type === 'container') {
      if (!this.serves(event.attributes)) return;
      const known = this.containers.get(event.id);
      const updated = known && updatedByEvent(known, event.action);
      if (updated) {
        // Health and stop events carry the whole change: no inspect round trip, so a slow engine delays nothing.
        this.containers.set(event.id, updated);
        this.publish();
        return;
      }
      if (!CONTAINER_ACTIONS.has(event.action) && !event.action.startsWith('health_status')) return;
      if (event.action === 'destroy') this.containers.delete(event.id);
      else this.setContainer(event.id, await this.inspect(event.id));
      this.publish();
    } else if (event.type === 'network') {
      if (event.action === 'connect' || event.action === 'disconnect') {
        const id = event.attributes.container;
        if (!id) return;
        // A container that does not run is not answered; its next start event inspects it anyway. This spares
        // the engine an inspect per container on every `up` (connect before start) and `down` (disconnect after die).
        const known = this.containers.get(id);
        if (!known || known.state === 'exited' || known.state === 'created' || known.state === 'dead') return;
        const c = await this.inspect(id);
        if (!c && !this.containers.has(id)) return;
        this.setContainer(id, c);
        this.publish();
      } else if (event.action === 'create' || event.action === 'destroy') {
        const networks = await this.options.engine.listNetworks({ labels: [Labels.project] }, this.abort.signal);
        this.served = networks.filter((n) => this.serves(n.labels));
        this.publish();
      }
    }
  }

  private setContainer(id: string, c: DnsContainer | undefined): void {
    if (c) this.containers.set(id, c); else this.containers.delete(id);
  }
}
