/** The soak, bounded for CI: a few up/down cycles of 10 services leave nothing behind and leak no engine fds. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `node bench/soak.mjs`
import { soak } from '../../bench/soak.mjs';

describe('soak (bounded)', () => {
  it('5 cycles of up -d / down on 10 services leave no container, network or volume, and no engine fd growth', { timeout: 300_000 }, async () => {
    const r = await soak(5);
    expect(r.left).toEqual({ containers: 0, networks: 0, volumes: 0 });
    if (r.before.dockerdFds !== undefined) expect(r.after.dockerdFds - r.before.dockerdFds).toBeLessThanOrEqual(5);
  });
});
