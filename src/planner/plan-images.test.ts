import { describe, expect, it } from 'vitest';
import { planImages, pullCommandSkips, unavailableImages } from './plan-images.js';
import { formatPlan } from './format-plan.js';
import { project } from './test-builders.js';
import { emptyObservedState } from '../model/observed.js';
import { isPullPolicy, pullRule, refreshDurationMs } from '../model/pull-policy.js';
import type { ServiceConfig } from '../model/project.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

/** One service `app` with image `app:1`, present locally (tagged `taggedAt`) or not. */
function imagePlan(service: Partial<ServiceConfig>, local?: { taggedAt?: string }, options: Parameters<typeof planImages>[2] = {}) {
  const p = project({ app: { image: 'app:1', ...service } });
  const observed = emptyObservedState('shop');
  if (local) {
    observed.images['app:1'] = 'sha256:app';
    observed.imagesTaggedAt = local.taggedAt ? { 'app:1': local.taggedAt } : {};
  }
  const opts = { now: NOW, ...options };
  return { plan: formatPlan(planImages(p, observed, opts)), unavailable: unavailableImages(p, observed, opts) };
}

describe('pull_policy', () => {
  it('reads every spelling the compose-spec has, and refuses others', () => {
    for (const ok of ['always', 'never', 'missing', 'if_not_present', 'build', 'refresh', 'daily', 'weekly', 'every_12h', 'every_1w2d']) expect(isPullPolicy(ok), ok).toBe(true);
    for (const bad of ['Always', 'alwayz', 'every_', 'every_2x', 'every_1.5h', 'every_<duration>', '']) expect(isPullPolicy(bad), bad).toBe(false);
    expect(refreshDurationMs('1w2d3h')).toBe((9 * 24 + 3) * 3_600_000);
    expect(pullRule('daily')).toEqual({ mode: 'refresh', refreshAfterMs: 86_400_000 });
    expect(pullRule('weekly')).toEqual({ mode: 'refresh', refreshAfterMs: 7 * 86_400_000 });
    expect(pullRule('refresh', '30m')).toEqual({ mode: 'refresh', refreshAfterMs: 1_800_000 });
    expect(pullRule('refresh')).toEqual({ mode: 'missing' });
    expect(pullRule('if_not_present')).toEqual({ mode: 'missing' });
    expect(pullRule(undefined)).toEqual({ mode: 'missing' });
  });

  it('missing (the default) pulls only an absent image', () => {
    expect(imagePlan({}).plan).toBe('[] -> #1 image:app:1 PullImage for app (not found)');
    expect(imagePlan({}, {}).plan).toBe('(nothing to do)');
    expect(imagePlan({ pull_policy: 'if_not_present' }, {}).plan).toBe('(nothing to do)');
  });

  it('always pulls a present image too', () => {
    expect(imagePlan({ pull_policy: 'always' }, {}).plan).toBe('[] -> #1 image:app:1 PullImage for app (pull requested)');
  });

  it('never pulls, and an absent image is refused before anything is done', () => {
    expect(imagePlan({ pull_policy: 'never' }, {})).toEqual({ plan: '(nothing to do)', unavailable: [] });
    const absent = imagePlan({ pull_policy: 'never' });
    expect(absent.plan).toBe('(nothing to do)');
    expect(absent.unavailable).toEqual(['service "app": image app:1 is not present locally, and pull_policy "never" forbids pulling it']);
  });

  it('daily, weekly, every_<duration> and refresh pull again once the local image is older than their window', () => {
    expect(imagePlan({ pull_policy: 'daily' }, { taggedAt: hoursAgo(23) }).plan).toBe('(nothing to do)');
    expect(imagePlan({ pull_policy: 'daily' }, { taggedAt: hoursAgo(25) }).plan).toBe('[] -> #1 image:app:1 PullImage for app (refresh window passed)');
    expect(imagePlan({ pull_policy: 'weekly' }, { taggedAt: hoursAgo(24 * 6) }).plan).toBe('(nothing to do)');
    expect(imagePlan({ pull_policy: 'every_2h' }, { taggedAt: hoursAgo(3) }).plan).toBe('[] -> #1 image:app:1 PullImage for app (refresh window passed)');
    expect(imagePlan({ pull_policy: 'refresh', pull_refresh_after: '4h' }, { taggedAt: hoursAgo(3) }).plan).toBe('(nothing to do)');
    // Never tagged (an imported image has the zero time): due now.
    expect(imagePlan({ pull_policy: 'daily' }, { taggedAt: '0001-01-01T00:00:00Z' }).plan).toBe('[] -> #1 image:app:1 PullImage for app (refresh window passed)');
    expect(imagePlan({ pull_policy: 'daily' }).plan).toBe('[] -> #1 image:app:1 PullImage for app (not found)');
  });

  it('--pull replaces every service policy', () => {
    expect(imagePlan({ pull_policy: 'never' }, {}, { pull: 'always' }).plan).toBe('[] -> #1 image:app:1 PullImage for app (pull requested)');
    expect(imagePlan({ pull_policy: 'always' }, undefined, { pull: 'never' }).unavailable).toEqual(['service "app": image app:1 is not present locally, and --pull never forbids pulling it']);
  });

  it('build rebuilds a present image; without a build section an absent image is refused', () => {
    expect(imagePlan({ pull_policy: 'build', build: { context: '/w' } }, {}).plan).toBe('[] -> #1 image:app:1 BuildImage for app (build requested)');
    expect(imagePlan({ pull_policy: 'build' }).unavailable).toEqual(['service "app": pull_policy is "build" but the service has no build section, and image app:1 is not present locally']);
  });

  it('--no-build with an absent image is refused, unless another service builds the same image', () => {
    expect(imagePlan({ build: { context: '/w' } }, undefined, { build: 'never' }).unavailable).toEqual(['service "app": image app:1 is not present locally and --no-build was given']);
    const p = project({ a: { image: 'shared:1', build: { context: '/w' } }, b: { image: 'shared:1', pull_policy: 'never' } });
    expect(unavailableImages(p, emptyObservedState('shop'))).toEqual([]);
  });

  it('the pull command skips never and build, and a present image under an explicit missing unless it is latest', () => {
    expect(pullCommandSkips('never', 'app:1', false)).toBe(true);
    expect(pullCommandSkips('build', 'app:1', false)).toBe(true);
    expect(pullCommandSkips('missing', 'app:1', true)).toBe(true);
    expect(pullCommandSkips('missing', 'app:1', false)).toBe(false);
    expect(pullCommandSkips('missing', '127.0.0.1:5000/app', true)).toBe(false);
    expect(pullCommandSkips('if_not_present', 'app:latest', true)).toBe(false);
    expect(pullCommandSkips(undefined, 'app:1', true)).toBe(false);
    expect(pullCommandSkips('daily', 'app:1', true)).toBe(false);
  });
});
