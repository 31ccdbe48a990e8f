/**
 * Which images must be built or pulled before containers can be planned. Images come first (as in docker
 * compose): the container plan compares image IDs, which are known only once builds and pulls are done.
 */
import type { Project } from '../model/project.js';
import type { ObservedState } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import { defaultImageName, splitImageReference } from '../model/names.js';
import { PlanBuilder } from './plan-builder.js';
import { pullRule } from '../model/pull-policy.js';

export interface ImagePlanOptions {
  services?: string[];
  build?: 'always' | 'never' | 'missing';
  /** `--pull`: replaces every service's pull_policy, as in docker compose. */
  pull?: 'always' | 'missing' | 'never';
  /** The clock for refresh windows (epoch ms); tests pass one. */
  now?: number;
}

export function imageOf(project: Project, serviceName: string): string {
  return project.services[serviceName]!.image ?? defaultImageName(project.name, serviceName);
}

type ImageDecision =
  | { kind: 'build' | 'pull'; cause: string }
  | { kind: 'none'; unavailable?: string };

/** What `up` does about one service's image: build it, pull it, or use what is there (and whether anything is). */
function decide(project: Project, name: string, observed: ObservedState, options: ImagePlanOptions): ImageDecision {
  const service = project.services[name]!;
  const image = imageOf(project, name);
  const present = Boolean(observed.images[image]);
  const rule = options.pull ? pullRule(options.pull) : pullRule(service.pull_policy, service.pull_refresh_after);
  if (service.build) {
    if (options.build === 'always' || rule.mode === 'build' || (!present && options.build !== 'never')) return { kind: 'build', cause: present ? 'build requested' : 'not found' };
    return present ? { kind: 'none' } : { kind: 'none', unavailable: `service "${name}": image ${image} is not present locally and --no-build was given` };
  }
  if (rule.mode === 'always') return { kind: 'pull', cause: present ? 'pull requested' : 'not found' };
  if (!present) {
    if (rule.mode === 'never') return { kind: 'none', unavailable: `service "${name}": image ${image} is not present locally, and ${options.pull ? '--pull never' : 'pull_policy "never"'} forbids pulling it` };
    if (rule.mode === 'build') return { kind: 'none', unavailable: `service "${name}": pull_policy is "build" but the service has no build section, and image ${image} is not present locally` };
    return { kind: 'pull', cause: 'not found' };
  }
  if (rule.mode === 'refresh' && isStale(observed.imagesTaggedAt?.[image], rule.refreshAfterMs!, options.now ?? Date.now())) return { kind: 'pull', cause: 'refresh window passed' };
  return { kind: 'none' };
}

/** An image last tagged (pulled) longer ago than the window, or at an unknown time, is due for a pull. */
function isStale(taggedAt: string | undefined, windowMs: number, now: number): boolean {
  const at = taggedAt ? Date.parse(taggedAt) : NaN;
  return !(at > 0) || at + windowMs < now;
}

function servicesIn(project: Project, options: ImagePlanOptions): string[] {
  return (options.services ?? Object.keys(project.services)).slice().sort();
}

export function planImages(project: Project, observed: ObservedState, options: ImagePlanOptions = {}): Plan {
  const b = new PlanBuilder();
  const seen = new Set<string>();
  for (const name of servicesIn(project, options)) {
    const image = imageOf(project, name);
    const d = decide(project, name, observed, options);
    if (d.kind !== 'none' && !seen.has(image)) b.add({ kind: d.kind === 'build' ? 'BuildImage' : 'PullImage', resource: `image:${image}`, serviceName: name, image }, d.cause);
    seen.add(image);
  }
  return b.build();
}

/**
 * Services whose image would still be missing after the image phase (pull_policy never, --no-build): known
 * before anything is pulled, built or created, so `up` can refuse with every one of them named.
 */
export function unavailableImages(project: Project, observed: ObservedState, options: ImagePlanOptions = {}): string[] {
  const built = new Set<string>();
  const decisions = servicesIn(project, options).map((name) => ({ name, d: decide(project, name, observed, options) }));
  for (const { name, d } of decisions) if (d.kind !== 'none') built.add(imageOf(project, name));
  return decisions.flatMap(({ name, d }) => (d.kind === 'none' && d.unavailable && !built.has(imageOf(project, name)) ? [d.unavailable] : []));
}

/**
 * `pull` (the command) follows each service's pull_policy as docker compose does: never and build are not
 * pulled; an explicit missing/if_not_present skips an image that is present, unless its tag is `latest`.
 */
export function pullCommandSkips(policy: string | undefined, image: string, present: boolean): boolean {
  const mode = pullRule(policy).mode;
  if (mode === 'never' || mode === 'build') return true;
  return (policy === 'missing' || policy === 'if_not_present') && present && !isLatestTag(image);
}

function isLatestTag(image: string): boolean {
  if (image.includes('@')) return false;
  const { tag = 'latest' } = splitImageReference(image);
  return tag === 'latest';
}
