/**
 * A service's `pull_policy` (compose-spec): when `up` pulls or builds its image. `daily`, `weekly` and
 * `every_<duration>` are refresh windows: pull again once the local image was tagged longer ago than that.
 * `refresh` takes its window from `pull_refresh_after`, and without one behaves as `missing`.
 */
export type PullMode = 'always' | 'never' | 'missing' | 'build' | 'refresh';

export interface PullRule {
  mode: PullMode;
  /** For `refresh`: how long a local image stays fresh. */
  refreshAfterMs?: number;
}

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

/** The duration form of `every_<duration>` and `pull_refresh_after`: `2d`, `12h`, `1w2d`, `90m`. */
export const REFRESH_DURATION = /^(\d+[wdhms])+$/;

const NAMED_POLICIES = ['always', 'never', 'missing', 'if_not_present', 'build', 'refresh', 'daily', 'weekly'];

/** For messages: the named policies and the `every_` form. */
export const PULL_POLICIES = [...NAMED_POLICIES, 'every_<duration>'];

export function isPullPolicy(value: string): boolean {
  return NAMED_POLICIES.includes(value) || (value.startsWith('every_') && REFRESH_DURATION.test(value.slice(6)));
}

export function refreshDurationMs(text: string): number | undefined {
  if (!REFRESH_DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([wdhms])/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}

/** The rule for a policy the loader has validated; no policy at all is `missing`. */
export function pullRule(policy: string | undefined, refreshAfter?: string): PullRule {
  switch (policy) {
    case undefined: case 'missing': case 'if_not_present': return { mode: 'missing' };
    case 'always': case 'never': case 'build': return { mode: policy };
    case 'daily': return { mode: 'refresh', refreshAfterMs: UNIT_MS.d };
    case 'weekly': return { mode: 'refresh', refreshAfterMs: UNIT_MS.w };
    case 'refresh': {
      const ms = refreshAfter === undefined ? undefined : refreshDurationMs(refreshAfter);
      return ms === undefined ? { mode: 'missing' } : { mode: 'refresh', refreshAfterMs: ms };
    }
    default: {
      const ms = policy.startsWith('every_') ? refreshDurationMs(policy.slice(6)) : undefined;
      return ms === undefined ? { mode: 'missing' } : { mode: 'refresh', refreshAfterMs: ms };
    }
  }
}
