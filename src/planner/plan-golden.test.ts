/** Golden plans for the up/down rules of issue 4: each case prints the whole plan, so any scheduling change shows. */
import { describe, expect, it } from 'vitest';
import { planUp } from './plan-up.js';
import { planDown } from './plan-down.js';
import { formatPlan } from './format-plan.js';
import { findCycle } from './graph.js';
import { serviceConfigHash } from './config-hash.js';
import { project, ObservedBuilder } from './test-builders.js';
import type { ServiceConfig } from '../model/project.js';

const started = { condition: 'service_started', required: true } as const;

describe('planUp golden plans', () => {
  it('scaling up from 1 to 3 creates replicas 2 and 3', () => {
    const p = project({ web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1).build();
    expect(formatPlan(planUp(p, observed, { scale: { web: 3 } }))).toMatchInlineSnapshot(`
      "[] -> #1 service:web:2 CreateContainer (scaled up)
      [1] -> #2 service:web:2 StartContainer (created)
      [] -> #3 service:web:3 CreateContainer (scaled up)
      [3] -> #4 service:web:3 StartContainer (created)"
    `);
  });

  it('new replicas are numbered after the highest existing one, gaps stay', () => {
    const p = project({ web: { image: 'web', deploy: { replicas: 3 } } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1).container('web', 4).build();
    expect(formatPlan(planUp(p, observed))).toMatchInlineSnapshot(`
      "[] -> #1 service:web:5 CreateContainer (scaled up)
      [1] -> #2 service:web:5 StartContainer (created)"
    `);
  });

  it('restart: true restarts the kept dependent after its recreated dependency is up again', () => {
    const p = project({
      db: { image: 'pg', environment: { V: '2' } },
      api: { image: 'api', depends_on: { db: { ...started, restart: true } } },
    });
    const observed = new ObservedBuilder(p).network('default').container('db', 1, { configHash: 'old' }).container('api').build();
    expect(formatPlan(planUp(p, observed))).toMatchInlineSnapshot(`
      "[] -> #1 service:db:1 CreateContainer replaces db1000000000 (config changed)
      [1] -> #2 service:db:1 StopContainer (replaced)
      [2] -> #3 service:db:1 RemoveContainer (replaced)
      [3] -> #4 service:db:1 RenameContainer to shop-db-1 (replaced)
      [4] -> #5 service:db:1 StartContainer (recreated)
      [5] -> #6 service:db AwaitCondition service_started (required by api)
      [6] -> #7 service:api:1 RestartContainer (a dependency with restart: true changed)"
    `);
  });

  it('--force-recreate recreates every selected container, keeping their dependency order', () => {
    const p = project({ db: { image: 'pg' }, api: { image: 'api', depends_on: { db: started } } });
    const observed = new ObservedBuilder(p).network('default').container('db').container('api').build();
    expect(formatPlan(planUp(p, observed, { forceRecreate: true }))).toMatchInlineSnapshot(`
      "[] -> #1 service:db:1 CreateContainer replaces db1000000000 (--force-recreate)
      [1] -> #2 service:db:1 StopContainer (replaced)
      [2] -> #3 service:db:1 RemoveContainer (replaced)
      [3] -> #4 service:db:1 RenameContainer to shop-db-1 (replaced)
      [4] -> #5 service:db:1 StartContainer (recreated)
      [] -> #6 service:api:1 CreateContainer replaces api100000000 (--force-recreate)
      [6] -> #7 service:api:1 StopContainer (replaced)
      [7] -> #8 service:api:1 RemoveContainer (replaced)
      [8] -> #9 service:api:1 RenameContainer to shop-api-1 (replaced)
      [5] -> #10 service:db AwaitCondition service_started (required by api)
      [9,10] -> #11 service:api:1 StartContainer (recreated)"
    `);
  });

  it('--no-recreate only starts what is stopped, even when its config changed', () => {
    const p = project({ web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1, { configHash: 'old', state: 'exited', exitCode: 137 }).build();
    expect(formatPlan(planUp(p, observed, { noRecreate: true }))).toBe('[] -> #1 service:web:1 StartContainer (was exited)');
  });

  it('an optional dependency gives an optional wait; a shared wait is required if any dependent requires it', () => {
    const p = project({
      db: { image: 'pg' },
      a: { image: 'a', depends_on: { db: { condition: 'service_started', required: false } } },
      b: { image: 'b', depends_on: { db: started } },
    });
    const waits = (q: typeof p) => planUp(q, new ObservedBuilder(q).network('default').build()).nodes.filter((n) => n.action.kind === 'AwaitCondition');
    expect(waits(p).map((n) => n.action)).toMatchObject([{ serviceName: 'db', required: true }]);
    delete p.services.b;
    expect(waits(p).map((n) => n.action)).toMatchObject([{ serviceName: 'db', required: false }]);
  });

  it('--wait awaits every selected service: healthy with a healthcheck, completed for one-shots, else started', () => {
    const p = project({
      db: { image: 'pg', healthcheck: { test: ['CMD', 'true'] } },
      migrate: { image: 'm' },
      app: { image: 'a', depends_on: { migrate: { condition: 'service_completed_successfully', required: true } } },
    });
    const observed = new ObservedBuilder(p).network('default').container('db').container('migrate', 1, { state: 'exited', exitCode: 0 }).container('app').build();
    expect(formatPlan(planUp(p, observed, { wait: true }))).toMatchInlineSnapshot(`
      "[] -> #1 service:migrate AwaitCondition service_completed_successfully (--wait)
      [] -> #2 service:app AwaitCondition service_started (--wait)
      [] -> #3 service:db AwaitCondition service_healthy (--wait)"
    `);
  });
});

describe('planDown golden plans', () => {
  it('without a project, stops everything in parallel and removes only labelled networks and volumes', () => {
    const p = project({ db: { image: 'pg' }, web: { image: 'web' } });
    const observed = new ObservedBuilder(p).network('default').volume('data').container('db').container('web')
      .container('web', 2, { oneoff: true, state: 'exited' }).build();
    observed.networks.push({ id: 'n2', name: 'not-ours', labels: {} });
    expect(formatPlan(planDown(undefined, observed, { removeVolumes: true }))).toMatchInlineSnapshot(`
      "[] -> #1 service:db:1 StopContainer (down)
      [] -> #2 service:web:1 StopContainer (down)
      [1] -> #3 service:db:1 RemoveContainer with volumes (down)
      [2] -> #4 service:web:1 RemoveContainer with volumes (down)
      [] -> #5 service:web:2 RemoveContainer with volumes (down)
      [3,4,5] -> #6 network:shop_default RemoveNetwork (down) best-effort
      [3,4,5] -> #7 volume:shop_data RemoveVolume (down -v) best-effort"
    `);
  });
});

describe('dependency cycles through every kind of edge', () => {
  const cases: Array<[string, Record<string, ServiceConfig>]> = [
    ['depends_on', { a: { depends_on: { b: started } }, b: { depends_on: { c: started } }, c: { depends_on: { a: started } } }],
    ['links', { a: { links: ['b:alias'] }, b: { links: ['c'] }, c: { links: ['a'] } }],
    ['network_mode / ipc / pid', { a: { network_mode: 'service:b' }, b: { ipc: 'service:c' }, c: { pid: 'service:a' } }],
    ['volumes_from', { a: { volumes_from: ['b'] }, b: { volumes_from: ['c:ro'] }, c: { volumes_from: ['a'] } }],
  ];
  it.each(cases)('%s', (_kind, services) => {
    expect(findCycle(project(services))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('volumes_from container:x is not a service edge', () => {
    expect(findCycle(project({ a: { volumes_from: ['container:a'] } }))).toBeUndefined();
  });
});

describe('config hash exclusions', () => {
  it('leaves out build, pull_policy, scale, deploy.replicas, depends_on, profiles, develop and x-* but keeps the rest of deploy', () => {
    const base: ServiceConfig = { image: 'x', deploy: { resources: { limits: { memory: '1g' } } } };
    const hash = serviceConfigHash(base);
    expect(serviceConfigHash({
      ...base, deploy: { replicas: 5, resources: { limits: { memory: '1g' } } }, pull_policy: 'always', develop: { watch: [] },
      build: { context: '.' }, scale: 2, depends_on: { y: started }, profiles: ['dev'], 'x-tool': { a: 1 },
    })).toBe(hash);
    expect(serviceConfigHash({ ...base, deploy: { resources: { limits: { memory: '2g' } } } })).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
