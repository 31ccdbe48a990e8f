import { describe, expect, it } from 'vitest';
import { planUp } from './plan-up.js';
import { withPreflight } from './plan-preflight.js';
import { formatPlan } from './format-plan.js';
import { project, ObservedBuilder } from './test-builders.js';

describe('pre-flight nodes', () => {
  it('checks published TCP ports before anything and starts the DNS before any container is created', () => {
    const p = project({
      db: { image: 'pg' },
      web: { image: 'nginx', ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1' }, { target: 53, published: '5353', protocol: 'udp' }, { target: 81, published: '9000-9001' }] },
    });
    const observed = new ObservedBuilder(p).container('db', 1, { configHash: 'old' }).build();
    expect(formatPlan(withPreflight(planUp(p, observed), p, observed, { embeddedDns: true }))).toMatchInlineSnapshot(`
      "[] -> #1 host:ports CheckHostPorts 127.0.0.1:8080 (before creating containers)
      [1] -> #2 host:dns StartDns (before creating containers)
      [1] -> #3 network:shop_default CreateNetwork (not found)
      [2,3] -> #4 service:db:1 CreateContainer replaces db1000000000 (config changed)
      [4] -> #5 service:db:1 StopContainer (replaced)
      [5] -> #6 service:db:1 RemoveContainer (replaced)
      [6] -> #7 service:db:1 RenameContainer to shop-db-1 (replaced)
      [7] -> #8 service:db:1 StartContainer (recreated)
      [2,3] -> #9 service:web:1 CreateContainer (no existing container)
      [9] -> #10 service:web:1 StartContainer (created)"
    `);
  });

  it('adds nothing when nothing is created', () => {
    const p = project({ web: { image: 'nginx', ports: [{ target: 80, published: '8080' }] } });
    const observed = new ObservedBuilder(p).network('default').container('web').build();
    expect(formatPlan(withPreflight(planUp(p, observed), p, observed, { embeddedDns: true }))).toBe('(nothing to do)');
  });

  it('lists the containers of the project, whose ports a recreate releases', () => {
    const p = project({ web: { image: 'nginx', ports: [{ target: 80, published: '8080' }] } });
    const observed = new ObservedBuilder(p).network('default').container('web', 1, { configHash: 'old' }).build();
    const first = withPreflight(planUp(p, observed), p, observed).nodes[0]!.action;
    expect(first).toEqual({ kind: 'CheckHostPorts', resource: 'host:ports', ports: [{ serviceName: 'web', hostIp: '0.0.0.0', port: 8080 }], ownContainers: ['web100000000'] });
  });
});
