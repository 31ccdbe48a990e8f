/** Where tcompose keeps host-local runtime state (locks, the DNS daemon's pid and log). */
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export function stateDir(env: Record<string, string | undefined>): string {
  if (env.TCOMPOSE_STATE_DIR) return env.TCOMPOSE_STATE_DIR;
  if (process.getuid?.() === 0) return '/run/tcompose';
  return join(env.XDG_RUNTIME_DIR ?? tmpdir(), 'tcompose');
}
