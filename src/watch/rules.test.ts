import { describe, expect, it } from 'vitest';
import { classifyBatch, watchTargets } from './rules.js';
import type { Project } from '../model/project.js';

const project = {
  name: 'p', networks: {}, volumes: {}, secrets: {}, configs: {},
  meta: { workingDir: '/w', configFiles: [], environment: {}, profiles: [], disabledServices: {} },
  services: {
    web: { image: 'x', develop: { watch: [
      { path: '/w/src', action: 'sync', target: '/app', ignore: ['*.log', 'tmp/'] },
      { path: '/w/package.json', action: 'rebuild' },
    ] } },
    api: { image: 'y', develop: { watch: [{ path: '/w/api', action: 'sync+restart', target: '/srv' }] } },
  },
} as unknown as Project;

describe('classifyBatch', () => {
  const targets = watchTargets(project);
  it('maps synced files to container paths, deletions to removals', () => {
    const b = classifyBatch([{ path: '/w/src/a.js', kind: 'change' }, { path: '/w/src/dir/b.js', kind: 'unlink' }], targets).get('web')!;
    expect([...b.sync]).toEqual([['/w/src/a.js', '/app/a.js']]);
    expect([...b.remove]).toEqual(['/app/dir/b.js']);
    expect(b.restart).toBe(false);
  });
  it('skips ignored files, VCS and editor files', () => {
    const r = classifyBatch([{ path: '/w/src/x.log', kind: 'change' }, { path: '/w/src/tmp/t', kind: 'change' }, { path: '/w/src/.git/HEAD', kind: 'change' }, { path: '/w/src/a.js.swp', kind: 'change' }], targets);
    expect(r.size).toBe(0);
  });
  it('a rebuild replaces the syncs of the same batch', () => {
    const b = classifyBatch([{ path: '/w/src/a.js', kind: 'change' }, { path: '/w/package.json', kind: 'change' }], targets).get('web')!;
    expect(b.rebuild).toBe(true);
    expect(b.sync.size).toBe(0);
  });
  it('sync+restart syncs and restarts', () => {
    const b = classifyBatch([{ path: '/w/api/main.py', kind: 'change' }], targets).get('api')!;
    expect(b.restart).toBe(true);
    expect([...b.sync.values()]).toEqual(['/srv/main.py']);
  });
  it('ignores paths outside every rule', () => {
    expect(classifyBatch([{ path: '/elsewhere/a', kind: 'change' }], targets).size).toBe(0);
  });
});
