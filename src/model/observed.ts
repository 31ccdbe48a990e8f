/** A snapshot of what the engine holds for one project, read once by labels. The planner reads nothing else. */

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type HealthState = 'none' | 'starting' | 'healthy' | 'unhealthy';

export interface ObservedContainer {
  id: string;
  name: string;
  serviceName: string;
  /** `com.docker.compose.container-number`. */
  number: number;
  oneoff: boolean;
  state: ContainerState;
  health: HealthState;
  exitCode?: number;
  configHash?: string;
  /** Image ID (sha256:…) the container was created from. */
  imageId: string;
  image: string;
  labels: Record<string, string>;
  /** Unix seconds. */
  created: number;
  /** Engine network name → IP address, for networks it is attached to. */
  networks: Record<string, string>;
}

export interface ObservedNetwork {
  id: string;
  name: string;
  /** `com.docker.compose.network`: the key in the compose file. */
  key?: string;
  labels: Record<string, string>;
  configHash?: string;
}

export interface ObservedVolume {
  name: string;
  key?: string;
  labels: Record<string, string>;
}

export interface ObservedState {
  projectName: string;
  containers: ObservedContainer[];
  networks: ObservedNetwork[];
  volumes: ObservedVolume[];
  /** Image reference → image ID, for the images the project's services name (absent: not present locally). */
  images: Record<string, string>;
  /** Image reference → when it was last tagged locally (a pull or build), for pull_policy refresh windows. */
  imagesTaggedAt?: Record<string, string>;
}

export function emptyObservedState(projectName: string): ObservedState {
  return { projectName, containers: [], networks: [], volumes: [], images: {} };
}
