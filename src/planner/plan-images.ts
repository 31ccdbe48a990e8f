/**
 * Which images must be built or pulled before containers can be planned. Images come first (as in docker
 * compose): the container plan compares image IDs, which are known only once builds and pulls are done.
 */
import type { Project } from '../model/project.js';
import type { ObservedState } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import { defaultImageName } from '../model/names.js';
import { PlanBuilder } from './plan-builder.js';

export interface ImagePlanOptions {
  services?: string[];
  build?: 'always' | 'never' | 'missing';
  pull?: 'always' | 'missing' | 'never';
}

export function imageOf(project: Project, serviceName: string): string {
  return project.services[serviceName]!.image ?? defaultImageName(project.name, serviceName);
}

export function planImages(project: Project, observed: ObservedState, options: ImagePlanOptions = {}): Plan {
  const b = new PlanBuilder();
  const seen = new Set<string>();
  const services = (options.services ?? Object.keys(project.services)).slice().sort();
  for (const name of services) {
    const service = project.services[name]!;
    const image = imageOf(project, name);
    const present = Boolean(observed.images[image]);
    const policy = service.pull_policy;
    const resource = `image:${image}` as const;
    if (service.build) {
      const rebuild = options.build === 'always' || policy === 'build' || (!present && options.build !== 'never');
      if (rebuild && !seen.has(image)) b.add({ kind: 'BuildImage', resource, serviceName: name, image }, present ? 'build requested' : 'not found');
      else if (!present && !rebuild) b.warnings.push(`service "${name}": image ${image} is missing and --no-build was given`);
    } else {
      const pull = options.pull === 'always' || policy === 'always' || (!present && policy !== 'never' && options.pull !== 'never');
      if (pull && !seen.has(image)) b.add({ kind: 'PullImage', resource, serviceName: name, image }, present ? 'pull requested' : 'not found');
    }
    seen.add(image);
  }
  return b.build();
}
