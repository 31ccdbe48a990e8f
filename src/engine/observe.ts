/** One label-filtered snapshot of a project's resources: the planner's only view of the engine. */
import type { ContainerState, HealthState, ObservedContainer, ObservedState } from '../model/observed.js';
import { Labels } from '../model/labels.js';
import type { ContainerSummary, Engine } from './engine.js';

/** Health appears in the list call only inside the status text: `Up 5 seconds (health: starting)`. */
export function healthFromStatus(status: string): HealthState {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return 'none';
}

/** `Exited (3) 2 seconds ago` → 3. */
export function exitCodeFromStatus(status: string): number | undefined {
  const m = /^Exited \((-?\d+)\)/.exec(status);
  return m ? Number(m[1]) : undefined;
}

export function toObservedContainer(c: ContainerSummary): ObservedContainer {
  return {
    id: c.id,
    name: c.names[0] ?? c.id,
    serviceName: c.labels[Labels.service] ?? '',
    number: Number(c.labels[Labels.containerNumber] ?? 0),
    oneoff: c.labels[Labels.oneoff] === 'True',
    state: c.state as ContainerState,
    health: healthFromStatus(c.status),
    exitCode: exitCodeFromStatus(c.status),
    configHash: c.labels[Labels.configHash],
    imageId: c.imageId,
    image: c.image,
    labels: c.labels,
    created: c.created,
    networks: Object.fromEntries(Object.entries(c.networks).map(([name, n]) => [name, n.ipAddress])),
  };
}

/**
 * Read what the engine has for `projectName`: containers, networks and volumes by the project label, plus the
 * local image IDs of `imageRefs`. All calls run in parallel; nothing else is read afterwards.
 */
export async function observeProject(engine: Engine, projectName: string, imageRefs: string[] = [], signal?: AbortSignal): Promise<ObservedState> {
  const label = [`${Labels.project}=${projectName}`];
  const [containers, networks, volumes, localImages] = await Promise.all([
    engine.listContainers({ labels: label, all: true }, signal),
    engine.listNetworks({ labels: label }, signal),
    engine.listVolumes({ labels: label }, signal),
    observeImages(engine, imageRefs, signal),
  ]);
  return {
    projectName,
    containers: containers.map(toObservedContainer).sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.number - b.number),
    networks: networks.map((n) => ({ id: n.id, name: n.name, key: n.labels[Labels.network], labels: n.labels, configHash: n.labels['com.docker.compose.config-hash'] })),
    volumes: volumes.map((v) => ({ name: v.name, key: v.labels[Labels.volume], labels: v.labels })),
    ...localImages,
  };
}

/** Image reference → local image ID and last tag time, for the references the engine has (one inspect each). */
export async function observeImages(engine: Engine, imageRefs: string[], signal?: AbortSignal): Promise<Pick<ObservedState, 'images' | 'imagesTaggedAt'>> {
  const uniqueRefs = [...new Set(imageRefs)];
  const found = await Promise.all(uniqueRefs.map((ref) => engine.localImage(ref, signal)));
  const images: Record<string, string> = {};
  const imagesTaggedAt: Record<string, string> = {};
  uniqueRefs.forEach((ref, i) => {
    const image = found[i];
    if (!image) return;
    images[ref] = image.id;
    if (image.lastTagTime) imagesTaggedAt[ref] = image.lastTagTime;
  });
  return { images, imagesTaggedAt };
}
