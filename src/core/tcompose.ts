/**
 * The library API: `createTcompose({ engine })` → load, up, down, ps, … Wiring only: loader → planner → reconciler.
 * The CLI is a thin layer over this, so tests and other tools drive exactly the same code.
 */
import type { Project } from '../model/project.js';
import type { EventSink } from '../model/events.js';
import { nullSink } from '../model/events.js';
import { emptyObservedState } from '../model/observed.js';
import type { ObservedState } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import type { Engine } from '../engine/engine.js';
import { observeImages, observeProject } from '../engine/observe.js';
import { serviceImage } from '../engine/convert.js';
import { executePlan } from '../reconciler/execute.js';
import { planUp, type UpPlanOptions } from '../planner/plan-up.js';
import { planImages, pullCommandSkips, unavailableImages, type ImagePlanOptions } from '../planner/plan-images.js';
import { planDown, planStop, type DownPlanOptions } from '../planner/plan-down.js';
import { loadProject, type LoadOptions } from '../schema/index.js';
import { withProjectLock } from './project-lock.js';
import { withPreflight } from '../planner/plan-preflight.js';
import { buildServiceImage, type BuildRunOptions } from '../reconciler/build-image.js';
import { pullServiceImage, pushServiceImage } from '../reconciler/pull-image.js';
import { runDag } from '../reconciler/run-dag.js';
import { withDependencies } from '../planner/graph.js';
import { planRemove, planRestart } from '../planner/plan-lifecycle.js';
import { createOneOff, type RunOptions } from './one-off.js';
import { Labels } from '../model/labels.js';
import { primaryNetwork } from '../model/service-networks.js';
import { EngineError, RuntimeError } from '../errors/index.js';
import { stateDir } from '../host/state-dir.js';
import { join } from 'node:path';

export interface TcomposeDeps {
  engine: Engine;
  events?: EventSink;
  /** Environment for host-local state (TCOMPOSE_STATE_DIR…); defaults to process.env at the edge. */
  env?: Record<string, string | undefined>;
  /** Max engine operations in flight (`--parallel`). */
  concurrency?: number;
  /** Resolve service names through tcompose's embedded DNS (default) or engine aliases. */
  dns?: DnsIntegration;
}

/** How containers learn service names: the embedded DNS daemon tells which server to set per network. */
export interface DnsIntegration {
  ensureRunning(): Promise<void>;
  serversFor(networkName: string): Promise<string[] | undefined>;
}

export interface UpOptions extends UpPlanOptions {
  dryRun?: boolean;
}

export interface DownOptions extends DownPlanOptions {
  dryRun?: boolean;
}

export interface StopOptions {
  services?: string[];
  timeoutSec?: number;
}

export type Tcompose = ReturnType<typeof createTcompose>;

export function createTcompose(deps: TcomposeDeps) {
  const { engine } = deps;
  const events = deps.events ?? nullSink;
  const env = deps.env ?? {};
  const lockRoot = join(stateDir(env), 'locks');

  function imagesOf(project: Project): string[] {
    return Object.keys(project.services).map((name) => serviceImage(project, name));
  }

  async function observe(project: Project | string, signal?: AbortSignal): Promise<ObservedState> {
    return typeof project === 'string'
      ? observeProject(engine, project, [], signal)
      : observeProject(engine, project.name, imagesOf(project), signal);
  }

  /** One image operation per service, in parallel under the concurrency limit, with progress events. */
  async function imageTasks(names: string[], [working, done]: [string, string], imageOf: (name: string) => string, task: (name: string, signal: AbortSignal) => Promise<void>, bestEffort: boolean, signal?: AbortSignal): Promise<void> {
    const nodes = names.map((name, id) => ({ id, name, dependsOn: [] as number[], bestEffort }));
    await runDag(nodes, async (node, nodeSignal) => {
      const resource = `Image ${imageOf(node.name)}`;
      const started = Date.now();
      events.event({ resource, status: 'working', text: working });
      await task(node.name, nodeSignal);
      events.event({ resource, status: 'done', text: done, elapsedMs: Date.now() - started });
    }, { signal, concurrency: deps.concurrency, onBestEffortFailure: (_n, err) => events.warn((err as Error).message) });
  }

  /** An engine call failed: if the engine itself is gone, say so rather than repeat its last words. */
  async function explainEngineLoss(err: unknown): Promise<never> {
    // A server-side (5xx) failure may be the engine going down: it keeps answering pings for a moment while it stops.
    if (err instanceof EngineError && err.kind !== 'unavailable' && (err.statusCode ?? 500) >= 500) {
      let alive = true;
      for (let i = 0; i < 6 && alive; i++) {
        alive = await engine.ping(AbortSignal.timeout(1000)).then(() => true, () => false);
        if (alive && i < 5) await new Promise((r) => setTimeout(r, 300));
      }
      if (!alive) {
        throw new EngineError('unavailable', `${err.message}. The Docker engine at ${engine.endpoint} stopped answering; once it is back, run the same command again: it converges from whatever was created.`, { cause: err });
      }
    }
    throw err;
  }

  /** Refuse, naming every such service, when an image would still be missing after builds and pulls. */
  function assertImagesObtainable(project: Project, observed: ObservedState, options: ImagePlanOptions): void {
    const unavailable = unavailableImages(project, observed, options);
    if (unavailable.length) throw new RuntimeError(`${unavailable.join('; ')}; nothing was changed.`);
  }

  /** The container plan of `up`, with its pre-flight and DNS start first. */
  function planContainers(project: Project, observed: ObservedState, options: UpOptions): Plan {
    return withPreflight(planUp(project, observed, options), project, observed, { embeddedDns: Boolean(deps.dns) });
  }

  async function run(plan: Plan, project: Project, signal?: AbortSignal): Promise<void> {
    // One start of the DNS daemon per run, whether a StartDns node or the first container creation asks first.
    let daemonReady: Promise<void> | undefined;
    const startDns = deps.dns ? () => (daemonReady ??= deps.dns!.ensureRunning()) : undefined;
    const dnsServersFor = deps.dns ? async (name: string) => {
      await startDns!();
      return deps.dns!.serversFor(name);
    } : undefined;
    await executePlan(plan, {
      engine, project, events, signal, concurrency: deps.concurrency,
      dnsServersFor, startDns,
      useEngineAliases: !deps.dns,
    }).catch(explainEngineLoss);
  }

  return {
    engine,
    load: (options: LoadOptions) => loadProject(options),
    observe,

    /** Plan without acting (for `--dry-run` and tests): the image plan, then the container plan. */
    async planUp(project: Project, options: UpOptions = {}, signal?: AbortSignal): Promise<Plan> {
      const observed = await observe(project, signal);
      const images = planImages(project, observed, options);
      return concatPlans(images, planContainers(project, observed, options));
    },

    /**
     * Converge: images first (builds and pulls, in parallel), then — with the image IDs now known — the
     * container plan, run along the critical path. Nothing changed ⇒ no mutating engine call.
     */
    async up(project: Project, options: UpOptions = {}, signal?: AbortSignal): Promise<Plan> {
      return withProjectLock(lockRoot, project.name, async () => {
        let observed = await observe(project, signal);
        assertImagesObtainable(project, observed, options);
        const imagePlan = planImages(project, observed, options);
        if (imagePlan.nodes.length) {
          await run(imagePlan, project, signal);
          observed = { ...observed, ...await observeImages(engine, imagesOf(project), signal) };
        }
        const plan = planContainers(project, observed, options);
        await run(plan, project, signal);
        return concatPlans(imagePlan, plan);
      }, signal);
    },

    /** Build the images of services with a `build:` section (all, or the named ones), in parallel. */
    async build(project: Project, options: BuildRunOptions & { services?: string[]; onLine?: (service: string, line: string) => void } = {}, signal?: AbortSignal): Promise<Record<string, string>> {
      const ids: Record<string, string> = {};
      const names = servicesOf(project, options.services).filter((n) => project.services[n]!.build);
      await imageTasks(names, ['Building', 'Built'], (n) => serviceImage(project, n), async (name, nodeSignal) => {
        ids[name] = await buildServiceImage(name, serviceImage(project, name), { engine, project, signal: nodeSignal }, (l) => options.onLine?.(name, l), options);
      }, false, signal);
      return ids;
    },

    /** Pull the images of services that name one (all, or the named ones). */
    async pull(project: Project, options: { services?: string[]; ignoreBuildable?: boolean; ignorePullFailures?: boolean } = {}, signal?: AbortSignal): Promise<void> {
      const candidates = servicesOf(project, options.services).filter((n) => project.services[n]!.image && !(options.ignoreBuildable && project.services[n]!.build));
      const { images: present } = await observeImages(engine, candidates.map((n) => project.services[n]!.image!), signal);
      const names = candidates.filter((n) => {
        const { image, pull_policy: policy } = project.services[n]!;
        return !pullCommandSkips(policy, image!, Boolean(present[image!]));
      });
      await imageTasks(names, ['Pulling', 'Pulled'], (n) => project.services[n]!.image!, (name, nodeSignal) =>
        pullServiceImage(name, project.services[name]!.image!, { engine, signal: nodeSignal, events }), Boolean(options.ignorePullFailures), signal);
    },

    /** Push the images of services that have both `build:` and `image:`. */
    async push(project: Project, options: { services?: string[]; ignorePushFailures?: boolean } = {}, signal?: AbortSignal): Promise<void> {
      const names = servicesOf(project, options.services).filter((n) => project.services[n]!.image && project.services[n]!.build);
      await imageTasks(names, ['Pushing', 'Pushed'], (n) => project.services[n]!.image!, (name, nodeSignal) =>
        pushServiceImage(name, project.services[name]!.image!, { engine, signal: nodeSignal }), Boolean(options.ignorePushFailures), signal);
    },

    /**
     * `run`: bring up the service's dependencies (unless noDeps), make sure its image exists, and create a one-off
     * container. Starting and attaching is the caller's (the CLI streams its output).
     */
    async createOneOff(project: Project, serviceName: string, options: RunOptions & { noDeps?: boolean; build?: boolean }, signal?: AbortSignal) {
      // The one-off's image follows the same rules as `up` (pull_policy, --build), checked before anything starts.
      const imageOptions = { services: [serviceName], build: options.build ? 'always' as const : undefined };
      const images = { ...emptyObservedState(project.name), ...await observeImages(engine, [serviceImage(project, serviceName)], signal) };
      assertImagesObtainable(project, images, imageOptions);
      if (!options.noDeps) {
        const dependencies = withDependencies(project, [serviceName]).filter((s) => s !== serviceName);
        if (dependencies.length) await this.up(project, { services: dependencies }, signal);
      }
      const imagePlan = planImages(project, images, imageOptions);
      if (imagePlan.nodes.length) await run(imagePlan, project, signal);
      const service = project.services[serviceName]!;
      const primary = primaryNetwork(service);
      if (deps.dns && primary) await deps.dns.ensureRunning();
      const dnsServers = deps.dns && primary ? await deps.dns.serversFor(project.networks[primary]?.name ?? primary) : undefined;
      return createOneOff(engine, project, serviceName, { ...options, useAliases: !deps.dns, dnsServers }, async (name) => {
        const list = await engine.listContainers({ labels: [`${Labels.project}=${project.name}`, `${Labels.service}=${name}`, `${Labels.oneoff}=False`], all: true }, signal);
        if (!list[0]) throw new Error(`service ${name} has no container`);
        return list[0].id;
      });
    },

    /** Start existing containers in dependency order (missing ones are created, as `up --no-recreate` would). */
    async start(project: Project | string, options: { services?: string[]; wait?: boolean } = {}, signal?: AbortSignal): Promise<Plan> {
      if (typeof project === 'string') {
        const observed = await observe(project, signal);
        const stopped = observed.containers.filter((c) => !c.oneoff && c.state !== 'running' && (!options.services?.length || options.services.includes(c.serviceName)));
        await Promise.all(stopped.map((c) => engine.startContainer(c.id, signal)));
        return { nodes: [], warnings: [] };
      }
      return this.up(project, { services: options.services, noRecreate: true, wait: options.wait }, signal);
    },

    async restart(project: Project | string, options: { services?: string[]; timeoutSec?: number } = {}, signal?: AbortSignal): Promise<Plan> {
      const projectName = typeof project === 'string' ? project : project.name;
      const plan = planRestart(await observe(projectName, signal), options);
      await run(plan, typeof project === 'string' ? emptyProject(project) : project, signal);
      return plan;
    },

    async rm(project: Project | string, options: { services?: string[]; stop?: boolean; removeVolumes?: boolean } = {}, signal?: AbortSignal): Promise<Plan> {
      const projectName = typeof project === 'string' ? project : project.name;
      const plan = planRemove(await observe(projectName, signal), options);
      await run(plan, typeof project === 'string' ? emptyProject(project) : project, signal);
      return plan;
    },

    /** Stop running containers in reverse dependency order (keeps them). */
    async stop(project: Project | string, options: StopOptions = {}, signal?: AbortSignal): Promise<Plan> {
      const projectName = typeof project === 'string' ? project : project.name;
      const model = typeof project === 'string' ? undefined : project;
      const plan = planStop(model, await observe(projectName, signal), options);
      await run(plan, model ?? emptyProject(projectName), signal);
      return plan;
    },

    /** Works from labels alone when `project` is only a name (no compose file needed). */
    async down(project: Project | string, options: DownOptions = {}, signal?: AbortSignal): Promise<Plan> {
      const projectName = typeof project === 'string' ? project : project.name;
      return withProjectLock(lockRoot, projectName, async () => {
        const observed = await observe(projectName, signal);
        const model = typeof project === 'string' ? undefined : project;
        const plan = planDown(model, observed, options);
        if (options.dryRun) return plan;
        if (plan.nodes.length === 0) events.warn(`No resource found to remove for project "${projectName}".`);
        await run(plan, model ?? emptyProject(projectName), signal);
        return plan;
      }, signal);
    },
  };
}

function servicesOf(project: Project, services?: string[]): string[] {
  return services?.length ? services : Object.keys(project.services);
}

/** One plan after the other (for printing): ids of the second are shifted past the first. */
function concatPlans(first: Plan, second: Plan): Plan {
  const offset = first.nodes.length;
  return {
    nodes: [...first.nodes, ...second.nodes.map((n) => ({ ...n, id: n.id + offset, dependsOn: n.dependsOn.map((d) => d + offset) }))],
    warnings: [...first.warnings, ...second.warnings],
  };
}

/** A stand-in model for commands that work from labels only. */
export function emptyProject(projectName: string): Project {
  return {
    name: projectName, services: {}, networks: {}, volumes: {}, secrets: {}, configs: {},
    meta: { workingDir: '', configFiles: [], environment: {}, profiles: [], disabledServices: {} },
  };
}
