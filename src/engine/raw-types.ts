/** The Engine API's list answers as the engine sends them, and their tcompose shapes (engine.ts). */
import type { ContainerSummary, NetworkSummary, VolumeSummary } from './engine.js';

export interface RawContainerSummary {
  Id: string; Names: string[]; Image: string; ImageID: string; Labels: Record<string, string> | null; State: string; Status: string; Created: number;
  NetworkSettings?: { Networks?: Record<string, { IPAddress: string; NetworkID: string }> };
  Ports?: Array<{ PrivatePort: number; PublicPort?: number; Type: string; IP?: string }>;
}

export interface RawNetwork {
  Id: string; Name: string; Driver: string; Labels: Record<string, string> | null; Internal?: boolean;
  IPAM?: { Config?: Array<{ Gateway?: string; Subnet?: string }> | null };
  Containers?: Record<string, { Name: string; IPv4Address: string }>;
}

export interface RawVolume { Name: string; Driver: string; Labels: Record<string, string> | null; Mountpoint: string }

export function toContainerSummary(c: RawContainerSummary): ContainerSummary {
  return {
    id: c.Id, names: c.Names.map((n) => n.replace(/^\//, '')), image: c.Image, imageId: c.ImageID,
    labels: c.Labels ?? {}, state: c.State, status: c.Status, created: c.Created,
    networks: Object.fromEntries(Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => [name, { ipAddress: n.IPAddress, networkId: n.NetworkID }])),
    ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, type: p.Type, ip: p.IP })),
  };
}

export function toVolumeSummary(v: RawVolume): VolumeSummary {
  return { name: v.Name, driver: v.Driver, labels: v.Labels ?? {}, mountpoint: v.Mountpoint };
}

export function toNetworkSummary(n: RawNetwork): NetworkSummary {
  const configs = n.IPAM?.Config ?? [];
  return {
    id: n.Id, name: n.Name, driver: n.Driver, labels: n.Labels ?? {}, internal: n.Internal ?? false,
    gateways: configs.map((c) => c.Gateway).filter((g): g is string => !!g),
    subnets: configs.map((c) => c.Subnet).filter((s): s is string => !!s),
  };
}
