/** Volume short syntax (`[source:]target[:mode]`) → long syntax. Relative paths are resolved later. */
import type { ServiceVolume } from '../model/project.js';

const MODES = new Set(['ro', 'rw', 'z', 'Z', 'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate', 'nocopy', 'cached', 'delegated', 'consistent']);

function isPathLike(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source);
}

export function parseShortVolume(spec: string): ServiceVolume {
  if (!spec || spec.split(':').some((p, i, all) => p === '' && !(i === 0 && all.length === 1))) throw new Error(`invalid volume specification "${spec}"`);
  const parts = spec.split(':');
  if (parts.length > 3) throw new Error(`invalid volume specification "${spec}": too many ':' separated parts`);
  if (parts.length === 1) return { type: 'volume', target: parts[0]! };
  const [source, rawTarget, mode] = parts as [string, string, string | undefined];
  const target = rawTarget.length > 1 ? rawTarget.replace(/\/+$/, '') : rawTarget;
  if (!target.startsWith('/')) throw new Error(`invalid volume specification "${spec}": the target ${target} must be an absolute path`);
  const modes = mode ? mode.split(',') : [];
  for (const m of modes) if (!MODES.has(m)) throw new Error(`invalid mode "${m}" in volume specification "${spec}"`);
  const readOnly = modes.includes('ro');
  const bind = isPathLike(source);
  const volume: ServiceVolume = { type: bind ? 'bind' : 'volume', source, target };
  if (readOnly) volume.read_only = true;
  if (bind) {
    const propagation = modes.find((m) => m.includes('shared') || m.includes('slave') || m.includes('private'));
    const selinux = modes.find((m) => m === 'z' || m === 'Z');
    volume.bind = { create_host_path: true, ...(propagation ? { propagation } : {}), ...(selinux ? { selinux } : {}) };
  } else if (modes.includes('nocopy')) {
    volume.volume = { nocopy: true };
  } else {
    volume.volume = {};
  }
  return volume;
}
