/** Test access to the real engine, and a sweep that removes everything a project left behind. */
import { connectEngine } from '../../src/engine/docker-engine.js';
import type { Engine } from '../../src/engine/engine.js';

export const engine: Engine = connectEngine(process.env);

export async function engineAvailable(): Promise<boolean> {
  try { await engine.ping(); return true; } catch { return false; }
}

const projectLabel = (name: string) => [`com.docker.compose.project=${name}`];

export async function projectContainers(projectName: string) {
  return engine.listContainers({ labels: projectLabel(projectName), all: true });
}

export async function projectNetworks(projectName: string) {
  return engine.listNetworks({ labels: projectLabel(projectName) });
}

export async function projectVolumes(projectName: string) {
  return engine.listVolumes({ labels: projectLabel(projectName) });
}

/** Remove every container, network and volume labelled with the project, whatever state they are in. */
export async function sweepProject(projectName: string): Promise<void> {
  const containers = await projectContainers(projectName);
  await Promise.all(containers.map((c) => engine.removeContainer(c.id, { force: true, volumes: true }).catch(() => undefined)));
  const networks = await projectNetworks(projectName);
  await Promise.all(networks.map((n) => engine.removeNetwork(n.id).catch(() => undefined)));
  const volumes = await projectVolumes(projectName);
  await Promise.all(volumes.map((v) => engine.removeVolume(v.name).catch(() => undefined)));
  // Images built for the project carry its label too.
  const images = await engine.listImages({ labels: projectLabel(projectName) });
  await Promise.all(images.map((i) => engine.removeImage(i.id, { force: true }).catch(() => undefined)));
}
