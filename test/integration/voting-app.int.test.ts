/** The demo stack, for real: a vote posted to vote shows up in result; the count survives down/up; -v cleans up. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/ports.js';
import { repoRoot } from '../helpers/cli.js';
import { projectContainers, projectNetworks, projectVolumes } from '../helpers/engine.js';

async function vote(port: number, choice: 'a' | 'b', voterId: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: new URLSearchParams({ vote: choice }), headers: { cookie: `voter_id=${voterId}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('set-cookie')).toContain(`voter_id=${voterId}`);
}

async function results(port: number): Promise<{ a: number; b: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/results.json`);
  return (await res.json()) as { a: number; b: number };
}

describe('voting app', () => {
  it('counts votes end to end, keeps them across down/up, and down -v leaves nothing', { timeout: 600_000 }, async () => {
    execFileSync('bash', [join(repoRoot, 'fixtures/voting-app/images.sh')], { stdio: 'inherit' });
    const s = await scenario('tc-vote', {}, { fixture: 'voting-app' });
    const env = { VOTE_PORT: String(await freePort()), RESULT_PORT: String(await freePort()), DEBUG_PORT: String(await freePort()) };
    const votePort = Number(env.VOTE_PORT);
    const resultPort = Number(env.RESULT_PORT);

    await s.ok(['up', '-d', '--wait'], env);
    expect((await s.containers()).map((c) => c.labels['com.docker.compose.service']).sort()).toEqual(['db', 'redis', 'result', 'vote', 'worker']);
    expect(await results(resultPort)).toEqual({ a: 0, b: 0 });

    await vote(votePort, 'a', 'voter-1');
    await vote(votePort, 'b', 'voter-2');
    await vote(votePort, 'b', 'voter-1'); // one vote per voter: voter-1 changes their mind
    await eventually(async () => expect(await results(resultPort)).toEqual({ a: 0, b: 2 }), 5_000);

    await s.ok(['down']);
    expect(await projectContainers(s.projectName)).toEqual([]);
    expect((await projectVolumes(s.projectName)).map((v) => v.name)).toEqual([`${s.projectName}_db-data`]);
    await s.ok(['up', '-d', '--wait'], env);
    await eventually(async () => expect(await results(resultPort)).toEqual({ a: 0, b: 2 }), 5_000);

    await s.ok(['down', '-v']);
    expect(await projectContainers(s.projectName)).toEqual([]);
    expect(await projectNetworks(s.projectName)).toEqual([]);
    expect(await projectVolumes(s.projectName)).toEqual([]);
  });

  it('the dev override changes the poll and opens a debug port', { timeout: 600_000 }, async () => {
    execFileSync('bash', [join(repoRoot, 'fixtures/voting-app/images.sh')], { stdio: 'inherit' });
    const s = await scenario('tc-vote-dev', {}, { fixture: 'voting-app' });
    const env = { VOTE_PORT: String(await freePort()), RESULT_PORT: String(await freePort()), DEBUG_PORT: String(await freePort()) };
    await s.ok(['-f', 'compose.yaml', '-f', 'compose.dev.yaml', 'up', '-d', '--wait'], env);
    const page = await (await fetch(`http://127.0.0.1:${env.VOTE_PORT}/`)).text();
    expect(page).toContain('Tabs vs Spaces?');
    const inspector = await eventually(async () => (await fetch(`http://127.0.0.1:${env.DEBUG_PORT}/json/version`)).json(), 10_000) as { Browser: string };
    expect(inspector.Browser).toMatch(/^node\.js/);
  });
});
