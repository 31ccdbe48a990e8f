/** The rows `ps` prints, with docker compose's JSON field names. */
import type { ObservedContainer } from '../../model/observed.js';
import type { ContainerSummary } from '../../engine/engine.js';

export interface PsRow {
  ID: string;
  Name: string;
  Image: string;
  Command: string;
  Project: string;
  Service: string;
  Created: number;
  State: string;
  Status: string;
  Health: string;
  ExitCode: number;
  Publishers: Array<{ URL: string; TargetPort: number; PublishedPort: number; Protocol: string }>;
  Labels: string;
  Networks: string;
  RunningFor: string;
  Ports: string;
}

function formatPorts(pubs: PsRow['Publishers']): string {
  return pubs.map((p) => (p.PublishedPort ? `${p.URL}:${p.PublishedPort}->${p.TargetPort}/${p.Protocol}` : `${p.TargetPort}/${p.Protocol}`)).join(', ');
}

export function psRows(containers: ObservedContainer[], summaries: ContainerSummary[], projectName: string): PsRow[] {
  const byId = new Map(summaries.map((s) => [s.id, s]));
  return containers.map((c) => {
    const s = byId.get(c.id);
    const publishers = (s?.ports ?? []).map((p) => ({ URL: p.ip ?? '', TargetPort: p.privatePort, PublishedPort: p.publicPort ?? 0, Protocol: p.type }))
      .sort((a, b) => a.TargetPort - b.TargetPort || a.PublishedPort - b.PublishedPort);
    return {
      ID: c.id, Name: c.name, Image: c.image, Command: '', Project: projectName, Service: c.serviceName,
      Created: c.created, State: c.state, Status: s?.status ?? c.state, Health: c.health === 'none' ? '' : c.health,
      ExitCode: c.exitCode ?? 0, Publishers: publishers,
      Labels: Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(','),
      Networks: Object.keys(c.networks).join(','), RunningFor: s?.status ?? '', Ports: formatPorts(publishers),
    };
  });
}

export function psTable(rows: PsRow[], noTrunc: boolean): string {
  const header = ['NAME', 'IMAGE', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'];
  const body = rows.map((r) => [r.Name, r.Image, r.Service, ago(r.Created), r.Status, noTrunc ? r.Ports : r.Ports]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('   ')}\n`;
  return line(header) + body.map(line).join('');
}

function ago(unixSeconds: number): string {
  const s = Math.max(0, Math.floor(Date.now() / 1000 - unixSeconds));
  if (s < 60) return `${s} seconds ago`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours ago`;
  return `${Math.floor(s / 86400)} days ago`;
}
