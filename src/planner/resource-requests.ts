/** Pure: a declared network or volume → the exact Engine API body that creates it, labels included. */
import type { Project } from '../model/project.js';
import type { NetworkCreateBody, VolumeCreateBody } from '../model/engine-requests.js';
import { Labels, COMPOSE_VERSION_LABEL } from '../model/labels.js';

export function networkCreateRequest(project: Project, key: string): NetworkCreateBody {
  const network = project.networks[key]!;
  return dropUndefined({
    Name: network.name,
    Driver: network.driver,
    Options: network.driver_opts,
    IPAM: network.ipam ? dropUndefined({
      Driver: network.ipam.driver,
      Config: network.ipam.config?.map((c) => dropUndefined({ Subnet: c.subnet, IPRange: c.ip_range, Gateway: c.gateway, AuxiliaryAddresses: c.aux_addresses })),
      Options: network.ipam.options,
    }) : undefined,
    Internal: network.internal,
    Attachable: network.attachable,
    EnableIPv6: network.enable_ipv6,
    CheckDuplicate: true,
    Labels: { ...(network.labels ?? {}), [Labels.project]: project.name, [Labels.network]: key, [Labels.version]: COMPOSE_VERSION_LABEL },
  });
}

export function volumeCreateRequest(project: Project, key: string): VolumeCreateBody {
  const volume = project.volumes[key]!;
  return dropUndefined({
    Name: volume.name, Driver: volume.driver, DriverOpts: volume.driver_opts,
    Labels: { ...(volume.labels ?? {}), [Labels.project]: project.name, [Labels.volume]: key, [Labels.version]: COMPOSE_VERSION_LABEL },
  });
}

/** Absent fields stay out of the body (and out of printed plans), as JSON.stringify would drop them on the wire. */
function dropUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
