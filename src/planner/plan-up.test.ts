import { describe, expect, it } from 'vitest';
import { planUp } from './plan-up.js';
import { planDown, planStop } from './plan-down.js';
import { formatPlan } from './format-plan.js';
import { findCycle } from './graph.js';
import { serviceConfigHash } from './config-hash.js';
import { project, ObservedBuilder } from './test-builders.js';

const stack = () => project({
  db: { image: 'postgres', healthcheck: { test: ['CMD', 'true'] } },
  cache: { image: 'redis' },
  worker: { image: 'worker', depends_on: { db: { condition: 'service_healthy', required: true }, cache: { condition: 'service_started', required: true } } },
});

describe('planUp', () => {
  it('creates everything from scratch, each start waiting only for its own dependencies', () => {
    const p = stack();
    expect(formatPlan(planUp(p, new ObservedBuilder(p).build()))).toMatchInlineSnapshot(`
      "[] -> #1 network:shop_default CreateNetwork (not found)
      [1] -> #2 service:cache:1 CreateContainer (no existing container)
      [2] -> #3 service:cache:1 StartContainer (created)
      [1] -> #4 service:db:1 CreateContainer (no existing container)
      [4] -> #5 service:db:1 StartContainer (created)
      [1] -> #6 service:worker:1 CreateContainer (no existing container)
      [5] -> #7 service:db AwaitCondition service_healthy (required by worker)
      [3] -> #8 service:cache AwaitCondition service_started (required by worker)
      [6,7,8] -> #9 service:worker:1 StartContainer (created)"
    `);
  });

  it('does nothing at all when nothing changed', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).network('default').container('db').container('cache').container('worker').build();
    expect(planUp(p, observed).nodes).toEqual([]);
  });

  it('with --wait and nothing changed, only waits', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).network('default').container('db').container('cache').container('worker').build();
    expect(planUp(p, observed, { wait: true }).nodes.every((n) => n.action.kind === 'AwaitCondition')).toBe(true);
  });

  it('recreates only the service whose config changed, not its dependents', () => {
    const before = stack();
    const observed = new ObservedBuilder(before).network('default').container('db').container('cache').container('worker').build();
    const after = stack();
    after.services.db!.environment = { POSTGRES_PASSWORD: 'new' };
    expect(formatPlan(planUp(after, observed))).toMatchInlineSnapshot(`
      "[] -> #1 service:db:1 CreateContainer replaces db1000000000 (config changed)
      [1] -> #2 service:db:1 StopContainer (replaced)
      [2] -> #3 service:db:1 RemoveContainer (replaced)
      [3] -> #4 service:db:1 RenameContainer to shop-db-1 (replaced)
      [4] -> #5 service:db:1 StartContainer (recreated)"
    `);
  });

  it('restarts a dependent that declared restart: true when its dependency is recreated', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).network('default').container('db', 1, { configHash: 'old' }).container('cache').container('worker').build();
    p.services.worker!.depends_on!.db!.restart = true;
    const plan = planUp(p, { ...observed, containers: observed.containers.map((c) => (c.serviceName === 'worker' ? { ...c, configHash: serviceConfigHash(p.services.worker!) } : c)) });
    expect(plan.nodes.map((n) => `${n.action.resource} ${n.action.kind}`)).toContain('service:worker:1 RestartContainer');
    expect(plan.nodes.map((n) => `${n.action.resource} ${n.action.kind}`)).not.toContain('service:worker:1 CreateContainer');
  });

  it('recreates dependents too with --always-recreate-deps', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).network('default').container('db', 1, { configHash: 'old' }).container('cache').container('worker').build();
    const kinds = planUp(p, observed, { alwaysRecreateDeps: true }).nodes.map((n) => `${n.action.resource} ${n.action.kind}`);
    expect(kinds).toContain('service:worker:1 CreateContainer');
    expect(kinds).not.toContain('service:cache:1 CreateContainer');
  });

  it('recreates when the image changed', () => {
    const p = project({ web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1, { imageId: 'sha256:older' }).build();
    expect(planUp(p, observed).nodes[0]!.cause).toBe('image changed');
  });

  it('--force-recreate recreates unchanged containers and --no-recreate keeps changed ones', () => {
    const p = project({ web: { image: 'web' } });
    const same = new ObservedBuilder(p).network('default').container('web').build();
    expect(planUp(p, same, { forceRecreate: true }).nodes[0]!.cause).toBe('--force-recreate');
    const changed = new ObservedBuilder(p).network('default').container('web', 1, { configHash: 'old' }).build();
    expect(planUp(p, changed, { noRecreate: true }).nodes).toEqual([]);
  });

  it('keeps anonymous volumes across a recreate unless -V', () => {
    const p = project({ web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1, { configHash: 'old' }).build();
    const create = (o: object) => planUp(p, observed, o).nodes.find((n) => n.action.kind === 'CreateContainer')!.action as { inheritVolumesFrom?: string };
    expect(create({}).inheritVolumesFrom).toBe('web100000000');
    expect(create({ renewAnonVolumes: true }).inheritVolumesFrom).toBeUndefined();
  });

  it('starts a stopped container instead of recreating it', () => {
    const p = project({ web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1, { state: 'exited', exitCode: 137 }).build();
    expect(formatPlan(planUp(p, observed))).toBe('[] -> #1 service:web:1 StartContainer (was exited)');
  });

  it('leaves a completed one-shot alone when others wait for it to complete', () => {
    const p = project({ migrate: { image: 'm' }, app: { image: 'a', depends_on: { migrate: { condition: 'service_completed_successfully', required: true } } } });
    const observed = new ObservedBuilder(p).network('default').container('migrate', 1, { state: 'exited', exitCode: 0 }).container('app').build();
    expect(planUp(p, observed).nodes).toEqual([]);
  });

  it('scales up with the next numbers and down from the highest', () => {
    const p = project({ web: { image: 'web', scale: 4 } });
    const up = new ObservedBuilder(p).network('default').container('web', 1).container('web', 3).build();
    expect(planUp(p, up).nodes.filter((n) => n.action.kind === 'CreateContainer').map((n) => n.action.resource)).toEqual(['service:web:4', 'service:web:5']);
    const down = new ObservedBuilder(p).network('default').container('web', 1).container('web', 2).container('web', 3).build();
    expect(formatPlan(planUp(p, down, { scale: { web: 1 } }))).toMatchInlineSnapshot(`
      "[] -> #1 service:web:3 StopContainer (scaled down)
      [1] -> #2 service:web:3 RemoveContainer (scaled down)
      [] -> #3 service:web:2 StopContainer (scaled down)
      [3] -> #4 service:web:2 RemoveContainer (scaled down)"
    `);
  });

  it('warns about orphans, and removes them only with --remove-orphans', () => {
    const p = project({ web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').container('web').container('old').build();
    const warned = planUp(p, observed);
    expect(warned.nodes).toEqual([]);
    expect(warned.warnings[0]).toContain('Found orphan containers ([shop-old-1])');
    expect(formatPlan(planUp(p, observed, { removeOrphans: true }))).toMatchInlineSnapshot(`
      "[] -> #1 service:old:1 StopContainer (orphan)
      [1] -> #2 service:old:1 RemoveContainer (orphan)"
    `);
  });

  it('creates declared volumes and never external ones', () => {
    const p = project({ db: { image: 'pg', volumes: [{ type: 'volume', source: 'data', target: '/d' }, { type: 'volume', source: 'shared', target: '/s' }] } }, {
      volumes: { data: { name: 'shop_data' }, shared: { name: 'shared', external: true } },
    });
    const kinds = planUp(p, new ObservedBuilder(p).network('default').build()).nodes.map((n) => `${n.action.resource} ${n.action.kind}`);
    expect(kinds).toContain('volume:shop_data CreateVolume');
    expect(kinds.join()).not.toContain('volume:shared');
  });
});

describe('planDown / planStop', () => {
  it('stops dependents before their dependencies, then removes networks', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).network('default').container('db').container('cache').container('worker').build();
    expect(formatPlan(planDown(p, observed))).toMatchInlineSnapshot(`
      "[] -> #1 service:worker:1 StopContainer (down)
      [1] -> #2 service:cache:1 StopContainer (down)
      [1] -> #3 service:db:1 StopContainer (down)
      [3] -> #4 service:db:1 RemoveContainer (down)
      [2] -> #5 service:cache:1 RemoveContainer (down)
      [1] -> #6 service:worker:1 RemoveContainer (down)
      [4,5,6] -> #7 network:shop_default RemoveNetwork (down) best-effort"
    `);
  });

  it('with -t 0 removes leaves without a stop, and stops what they depend on only once they are gone', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).network('default').container('db').container('cache').container('worker').build();
    expect(formatPlan(planDown(p, observed, { timeoutSec: 0 }))).toMatchInlineSnapshot(`
      "[] -> #1 service:worker:1 RemoveContainer (down)
      [1] -> #2 service:cache:1 StopContainer (down)
      [1] -> #3 service:db:1 StopContainer (down)
      [3] -> #4 service:db:1 RemoveContainer (down)
      [2] -> #5 service:cache:1 RemoveContainer (down)
      [1,4,5] -> #6 network:shop_default RemoveNetwork (down) best-effort"
    `);
  });

  it('works from labels alone, and removes volumes only with -v', () => {
    const p = project({ db: { image: 'pg' } });
    const observed = new ObservedBuilder(p).network('default').volume('data').container('db').build();
    expect(planDown(undefined, observed).nodes.map((n) => n.action.kind)).toEqual(['StopContainer', 'RemoveContainer', 'RemoveNetwork']);
    expect(planDown(undefined, observed, { removeVolumes: true }).nodes.map((n) => n.action.kind)).toContain('RemoveVolume');
  });

  it('stop keeps containers and skips stopped ones', () => {
    const p = stack();
    const observed = new ObservedBuilder(p).container('db').container('cache', 1, { state: 'exited' }).container('worker').build();
    expect(planStop(p, observed).nodes.map((n) => n.action.resource)).toEqual(['service:worker:1', 'service:db:1']);
  });
});

describe('dependency cycles', () => {
  it.each([
    [{ a: { image: 'x', depends_on: { b: { condition: 'service_started' as const, required: true } } }, b: { image: 'x', depends_on: { a: { condition: 'service_started' as const, required: true } } } }, 'a -> b -> a'],
    [{ a: { image: 'x', links: ['b'] }, b: { image: 'x', network_mode: 'service:c' }, c: { image: 'x', volumes_from: ['a:ro'] } }, 'a -> b -> c -> a'],
  ])('reports %#', (services, cycle) => {
    expect(findCycle(project(services))?.join(' -> ')).toBe(cycle);
    expect(() => planUp(project(services), new ObservedBuilder(project(services)).build())).toThrow(`dependency cycle detected: ${cycle}`);
  });
});

describe('config hash', () => {
  it('ignores key order and fields that do not change the container', () => {
    const a = serviceConfigHash({ image: 'x', environment: { A: '1', B: '2' } });
    expect(serviceConfigHash({ environment: { B: '2', A: '1' }, image: 'x' })).toBe(a);
    expect(serviceConfigHash({ image: 'x', environment: { A: '1', B: '2' }, scale: 3, depends_on: {}, profiles: ['p'], 'x-note': 1, build: { context: '/c' } })).toBe(a);
    expect(serviceConfigHash({ image: 'x', environment: { A: '1', B: '3' } })).not.toBe(a);
  });
});
