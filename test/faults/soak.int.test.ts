/** The soak, bounded for CI (run alone, so the engine's fd count is its own): nothing left behind, no fd leak. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `node bench/soak.mjs`
import { soak } from '../../bench/soak.mjs';

describe('soak (bounded)', () => {
  it('5 cycles of up -d / down on 10 services leave no container, network or volume, and no engine fd growth', { timeout: 300_000 }, async () => {
    const r = await soak(5);
    expect(r.left).toEqual({ containers: 0, networks: 0, volumes: 0 });
    if (r.before.dockerdFds !== undefined) expect(r.after.dockerdFds - r.before.dockerdFds).toBeLessThanOrEqual(8);
  });
});
