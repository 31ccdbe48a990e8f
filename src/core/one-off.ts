/**
 * One-off containers (`run`): a service's container with a command of the user's, labelled oneoff=True and
 * named `<project>-<service>-run-<id>`, so `down` and `ps -a` find it like docker compose's.
 */
import { randomBytes } from 'node:crypto';
import type { Project, ServiceConfig } from '../model/project.js';
import type { Engine } from '../engine/engine.js';
import { containerSpec } from '../engine/convert.js';
import { serviceConfigHash } from '../planner/config-hash.js';
import { Labels } from '../model/labels.js';
import { dnsLabelsFor } from '../dns/labels.js';
import { containerReferences } from '../model/service-refs.js';

export interface RunOptions {
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: ServiceConfig['volumes'];
  ports?: ServiceConfig['ports'];
  servicePorts?: boolean;
  user?: string;
  workingDir?: string;
  name?: string;
  tty?: boolean;
  interactive?: boolean;
  labels?: Record<string, string>;
  useAliases?: boolean;
  dnsServers?: string[];
}

/** The service as the one-off container should see it (ports only with --service-ports, as compose does). */
export function oneOffService(service: ServiceConfig, options: RunOptions): ServiceConfig {
  return {
    ...service,
    command: options.command?.length ? options.command : service.command,
    entrypoint: options.entrypoint ?? service.entrypoint,
    environment: { ...(service.environment ?? {}), ...(options.environment ?? {}) },
    volumes: [...(service.volumes ?? []), ...(options.volumes ?? [])],
    ports: options.servicePorts ? service.ports : options.ports,
    user: options.user ?? service.user,
    working_dir: options.workingDir ?? service.working_dir,
    tty: options.tty ?? service.tty,
    stdin_open: options.interactive ?? service.stdin_open,
    labels: { ...(service.labels ?? {}), ...(options.labels ?? {}) },
    container_name: undefined,
    restart: undefined,
    healthcheck: service.healthcheck,
  };
}

export async function createOneOff(engine: Engine, project: Project, serviceName: string, options: RunOptions, containerIdOfService: (name: string) => Promise<string>): Promise<{ containerId: string; name: string }> {
  const service = oneOffService(project.services[serviceName]!, options);
  const runProject: Project = { ...project, services: { ...project.services, [serviceName]: service } };
  const name = options.name ?? `${project.name}-${serviceName}-run-${randomBytes(6).toString('hex')}`;
  const refs = new Map<string, string>();
  for (const ref of containerReferences(service)) refs.set(ref, await containerIdOfService(ref));
  const spec = containerSpec({
    project: runProject, serviceName, replica: 1, configHash: serviceConfigHash(service), oneoff: true,
    containerIdOfService: (n) => refs.get(n) ?? n, engineAliases: options.useAliases, dnsServers: options.dnsServers, nameOverride: name,
  });
  spec.body.Labels = { ...spec.body.Labels, ...dnsLabelsFor(runProject, serviceName), [Labels.oneoff]: 'True', [Labels.containerNumber]: '1' };
  if (options.interactive) Object.assign(spec.body, { AttachStdin: true, OpenStdin: true, StdinOnce: true });
  const containerId = await engine.createContainer(name, spec.body);
  for (const extra of spec.extraNetworks) await engine.connectNetwork(extra.network, containerId, extra.endpoint);
  return { containerId, name };
}
