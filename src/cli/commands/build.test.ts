import { describe, expect, it } from 'vitest';
import { buildArgsOf } from './build.js';
import { bakeFile } from './build-bake.js';
import type { Project } from '../../model/project.js';

describe('build command', () => {
  it('reads --build-arg as docker compose does: KEY=VALUE, or KEY from the environment when set', () => {
    expect(buildArgsOf(['A=1', 'B=', 'C', 'D'], { C: 'from-env' })).toEqual({ A: '1', B: '', C: 'from-env' });
    expect(() => buildArgsOf(['=x'], {})).toThrow(/KEY=VALUE expected/);
  });

  it('--print writes the build as a bake file', () => {
    const project = {
      name: 'p', services: { web: { build: { context: '/src/web', args: { A: '1', N: null }, secrets: [{ source: 's', target: 'tok' }] } } },
      secrets: { s: { name: 'p_s', file: '/src/s.txt' } }, networks: {}, volumes: {}, configs: {}, meta: {} as never,
    } as unknown as Project;
    const bake = JSON.parse(bakeFile(project, ['web'], () => 'p-web', { buildArgs: { B: '2' }, push: true }));
    expect(bake).toEqual({
      group: { default: { targets: ['web'] } },
      target: { web: { context: '/src/web', dockerfile: 'Dockerfile', args: { A: '1', B: '2' }, tags: ['p-web'], secret: ['id=tok,type=file,src=/src/s.txt'], output: ['type=image,push=true'] } },
    });
  });
});
