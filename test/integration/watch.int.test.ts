/** Watch against the real engine: sync, delete, ignore, rebuild, sync+restart, sync+exec, initial_sync, and live reload of the compose file. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/eventually.js';
import { startCli } from '../helpers/cli.js';
import { engine } from '../helpers/engine.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

const compose = (value = 'one') => `services:
  web:
    build: ./app
    init: true
    command: ["sleep", "3600"]
    environment:
      VALUE: "${value}"
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
          ignore: ["*.log"]
        - action: sync+restart
          path: ./conf
          target: /etc/app
        - action: rebuild
          path: ./app/Dockerfile
  other:
    image: tcompose/busybox:latest
    init: true
    command: ["sleep", "3600"]
`;

async function setup() {
  const s = await scenario('tc-watch', {
    'compose.yaml': compose(),
    'app/Dockerfile': 'FROM tcompose/busybox:latest\nRUN mkdir -p /app /etc/app\n',
    'src/hello.txt': 'v1',
    'conf/app.conf': 'a=1',
  });
  await s.ok(['up', '-d', '--build']);
  const watcher = startCli(['-p', s.projectName, 'watch', '--no-up'], { cwd: s.dir });
  onTestFinished(async () => { await watcher.stop('SIGTERM'); });
  await eventually(() => expect(watcher.output().stdout).toContain('watching'), 15_000);
  const container = async (service: string) => (await s.containers()).find((c) => c.labels['com.docker.compose.service'] === service)!;
  const cat = async (path: string) => {
    const r = await s.cli(['exec', '-T', 'web', 'cat', path]);
    return r.code === 0 ? r.stdout : undefined;
  };
  return { s, watcher, container, cat };
}

describe('watch', () => {
  it('syncs edits, deletions and new directories, and never an ignored file', async () => {
    const { s, cat } = await setup();
    await s.write('src/hello.txt', 'v2');
    await eventually(async () => expect(await cat('/app/hello.txt')).toBe('v2'), 10_000);
    await s.write('src/nested/deep.txt', 'deep');
    await eventually(async () => expect(await cat('/app/nested/deep.txt')).toBe('deep'), 10_000);
    await s.write('src/debug.log', 'noise');
    await s.write('src/marker.txt', 'after-log');
    await eventually(async () => expect(await cat('/app/marker.txt')).toBe('after-log'), 10_000);
    expect(await cat('/app/debug.log')).toBeUndefined();
    await rm(join(s.dir, 'src/hello.txt'));
    await eventually(async () => expect(await cat('/app/hello.txt')).toBeUndefined(), 10_000);
  });

  it('sync+restart restarts the container; rebuild builds a new image and container', async () => {
    const { s, cat, container } = await setup();
    const before = await engine.inspectContainer((await container('web')).id);
    await s.write('conf/app.conf', 'a=2');
    await eventually(async () => {
      expect(await cat('/etc/app/app.conf')).toBe('a=2');
      const now = await engine.inspectContainer((await container('web')).id);
      expect(now.State.StartedAt).not.toBe(before.State.StartedAt);
    }, 15_000);
    const other = (await container('other')).id;
    await s.write('app/Dockerfile', 'FROM tcompose/busybox:latest\nRUN mkdir -p /app /etc/app && echo rebuilt > /built\n');
    await eventually(async () => {
      const web = await container('web');
      expect(web.id).not.toBe(before.Id);
      expect(web.imageId).not.toBe(before.Image);
      expect(await cat('/built')).toBe('rebuilt\n');
    }, 60_000);
    expect((await container('other')).id).toBe(other);
  });

  it('an edit of the compose file recreates only the changed service; an invalid edit changes nothing', async () => {
    const { s, watcher, container } = await setup();
    const web = (await container('web')).id;
    const other = (await container('other')).id;
    await s.write('compose.yaml', compose('two'));
    await eventually(async () => {
      const now = await container('web');
      expect(now.id).not.toBe(web);
      expect((await engine.inspectContainer(now.id)).Config.Env).toContain('VALUE=two');
    }, 30_000);
    expect((await container('other')).id).toBe(other);
    const webNow = (await container('web')).id;
    await s.write('compose.yaml', compose('three').replace('command:', 'comand:'));
    await eventually(() => expect(watcher.output().stderr).toContain('compose file not applied'), 15_000);
    expect(watcher.output().stderr).toContain('comand');
    expect((await container('web')).id).toBe(webNow);
    expect((await container('other')).id).toBe(other);
  });

  it('initial_sync copies the directory when watching starts; sync+exec runs its command after each sync', async () => {
    const s = await scenario('tc-watch-exec', {
      'compose.yaml': `services:
  app:
    image: tcompose/busybox:latest
    init: true
    command: ["sleep", "3600"]
    develop:
      watch:
        - action: sync
          path: ./seed
          target: /seed
          initial_sync: true
        - action: sync+exec
          path: ./hooks
          target: /hooks
          exec:
            command: ["sh", "-c", "cat /hooks/in.txt > /tmp/ran-$$MARK"]
            environment:
              MARK: "ok"
`,
      'seed/a.txt': 'seeded',
      'seed/sub/b.txt': 'nested',
      'hooks/in.txt': 'first',
    });
    await s.ok(['up', '-d']);
    const cat = async (path: string) => {
      const r = await s.cli(['exec', '-T', 'app', 'cat', path]);
      return r.code === 0 ? r.stdout : undefined;
    };
    expect(await cat('/seed/a.txt')).toBeUndefined();
    const watcher = startCli(['-p', s.projectName, 'watch', '--no-up'], { cwd: s.dir });
    onTestFinished(async () => { await watcher.stop('SIGTERM'); });
    // Present before any edit: copied because of initial_sync alone.
    await eventually(async () => {
      expect(await cat('/seed/a.txt')).toBe('seeded');
      expect(await cat('/seed/sub/b.txt')).toBe('nested');
    }, 15_000);
    expect(await cat('/hooks/in.txt')).toBeUndefined(); // no initial_sync on this rule
    await s.write('hooks/in.txt', 'second');
    await eventually(async () => expect(await cat('/tmp/ran-ok')).toBe('second'), 15_000);
  });
});
