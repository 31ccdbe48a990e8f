/** What a service says in the file is what the container gets: one test per group of keys, checked by inspect. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../helpers/scenario.js';
import { engine } from '../helpers/engine.js';
import { freePort } from '../helpers/ports.js';

const BB = 'tcompose/busybox:latest';

async function up(files: Record<string, string>, env: Record<string, string> = {}) {
  const s = await scenario('tc-keys', files);
  await s.ok(['up', '-d'], env);
  const byService: Record<string, Awaited<ReturnType<typeof engine.inspectContainer>>> = {};
  for (const c of await s.containers()) byService[c.labels['com.docker.compose.service']!] = await engine.inspectContainer(c.id);
  return { s, c: byService };
}

describe('service keys', () => {
  it('process: command, entrypoint, environment, env_file, user, working_dir, hostname, tty, init, stop settings, labels', async () => {
    const { c } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    entrypoint: ["sh", "-c"]
    command: "sleep 3600"
    environment: { FROM_FILE_OVERRIDDEN: inline, PLAIN: "1" }
    env_file: [app.env]
    user: "65534:65534"
    working_dir: /tmp
    hostname: apphost
    domainname: example.test
    tty: true
    stdin_open: true
    init: true
    stop_signal: SIGUSR1
    stop_grace_period: 7s
    labels: { team: core }
`,
      'app.env': 'FROM_FILE=yes\nFROM_FILE_OVERRIDDEN=file\n',
    });
    const app = c.app!;
    expect(app.Config.Entrypoint).toEqual(['sh', '-c']);
    expect(app.Config.Cmd).toEqual(['sleep', '3600']);
    expect(app.Config.Env).toEqual(expect.arrayContaining(['PLAIN=1', 'FROM_FILE=yes', 'FROM_FILE_OVERRIDDEN=inline']));
    expect(app.Config).toMatchObject({ User: '65534:65534', WorkingDir: '/tmp', Hostname: 'apphost', Domainname: 'example.test', Tty: true, OpenStdin: true, StopSignal: 'SIGUSR1', StopTimeout: 7 });
    expect(app.Config.Labels.team).toBe('core');
    expect(app.HostConfig.Init).toBe(true);
  });

  it('resources and security: caps, security_opt, read_only, sysctls, ulimits, shm, memory, cpus, pids, tmpfs, logging, restart', async () => {
    const { c } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    command: ["sleep", "3600"]
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    security_opt: ["no-new-privileges:true"]
    read_only: true
    sysctls: { net.core.somaxconn: "1024" }
    ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 }
    shm_size: 64m
    mem_limit: 128m
    mem_reservation: 64m
    cpus: 0.5
    cpu_shares: 512
    pids_limit: 100
    tmpfs: ["/scratch:size=1m"]
    logging: { driver: json-file, options: { max-size: 1m } }
    restart: on-failure:3
    privileged: false
`,
    });
    const h = c.app!.HostConfig;
    expect(h.CapAdd).toEqual(['NET_ADMIN']);
    expect(h.CapDrop).toEqual(['MKNOD']);
    expect(h.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect(h.ReadonlyRootfs).toBe(true);
    expect(h.Sysctls).toEqual({ 'net.core.somaxconn': '1024' });
    expect(h.Ulimits).toEqual(expect.arrayContaining([{ Name: 'nofile', Soft: 1024, Hard: 2048 }, { Name: 'nproc', Soft: 512, Hard: 512 }]));
    expect(h.ShmSize).toBe(64 * 1024 * 1024);
    expect(h.Memory).toBe(128 * 1024 * 1024);
    expect(h.MemoryReservation).toBe(64 * 1024 * 1024);
    expect(h.NanoCpus).toBe(500_000_000);
    expect(h.CpuShares).toBe(512);
    expect(h.PidsLimit).toBe(100);
    expect(h.Tmpfs).toEqual({ '/scratch': 'size=1m' });
    expect(h.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m' } });
    expect(h.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
  });

  it('networking: ports (short, long, range, udp), expose, several networks with aliases and a fixed address, dns, extra_hosts, network_mode', async () => {
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    const { s, c } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    command: ["sleep", "3600"]
    ports:
      - "127.0.0.1:${p1}:80"
      - { target: 81, published: "${p2}", host_ip: 127.0.0.1, protocol: udp }
      - "127.0.0.1::82"
    expose: ["9000", "9100-9101"]
    networks:
      front: { aliases: [www] }
      back: { ipv4_address: 10.123.45.10 }
    dns: [127.0.0.1]
    dns_search: [example.test]
    extra_hosts: ["somehost=10.0.0.1"]
  sidecar:
    image: ${BB}
    command: ["sleep", "3600"]
    network_mode: "service:app"
  isolated:
    image: ${BB}
    command: ["sleep", "3600"]
    network_mode: none
networks:
  front:
    labels: { tier: front }
  back:
    internal: true
    ipam:
      config:
        - subnet: 10.123.45.0/24
`,
    });
    void p3;
    const app = c.app!;
    expect(app.HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(p1) }]);
    expect(app.HostConfig.PortBindings['81/udp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(p2) }]);
    expect(app.NetworkSettings.Ports?.['82/tcp']?.[0]?.HostPort).toMatch(/^\d+$/);
    expect(Object.keys(app.Config.ExposedPorts as object)).toEqual(expect.arrayContaining(['9000/tcp', '9100/tcp', '9101/tcp']));
    expect(Object.keys(app.NetworkSettings.Networks).sort()).toEqual([`${s.projectName}_back`, `${s.projectName}_front`]);
    expect(app.NetworkSettings.Networks[`${s.projectName}_back`]!.IPAddress).toBe('10.123.45.10');
    expect(app.HostConfig.Dns).toEqual(['127.0.0.1']);
    expect(app.HostConfig.DnsSearch).toEqual(['example.test']);
    expect(app.HostConfig.ExtraHosts).toEqual(['somehost:10.0.0.1']);
    expect(c.sidecar!.HostConfig.NetworkMode).toBe(`container:${app.Id}`);
    expect(c.isolated!.HostConfig.NetworkMode).toBe('none');
    const back = await engine.inspectNetwork(`${s.projectName}_back`);
    expect(back.internal).toBe(true);
    expect(back.subnets).toEqual(['10.123.45.0/24']);
    const front = await engine.inspectNetwork(`${s.projectName}_front`);
    expect(front.labels).toMatchObject({ tier: 'front', 'com.docker.compose.project': s.projectName, 'com.docker.compose.network': 'front' });
  });

  it('network_mode host and container:<name> of a container tcompose does not manage; devices', async () => {
    // The outside container is made by the test, so its name is unique and it is removed whatever happens.
    const outside = `tc-keys-outside-${process.pid}-${Date.now()}`;
    const outsideId = await engine.createContainer(outside, { Image: BB, Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: 'none' } });
    onTestFinished(async () => { await engine.removeContainer(outsideId, { force: true }).catch(() => undefined); });
    await engine.startContainer(outsideId);
    const { c } = await up({
      'compose.yaml': `services:
  hostnet:
    image: ${BB}
    command: ["sleep", "3600"]
    network_mode: host
  joined:
    image: ${BB}
    command: ["sleep", "3600"]
    network_mode: "container:${outside}"
  dev:
    image: ${BB}
    command: ["sleep", "3600"]
    devices:
      - "/dev/null:/dev/xnull"
      - source: /dev/zero
        target: /dev/xzero
        permissions: r
`,
    });
    expect(c.hostnet!.HostConfig.NetworkMode).toBe('host');
    expect(c.hostnet!.NetworkSettings.Networks).toHaveProperty('host');
    expect(c.joined!.HostConfig.NetworkMode).toBe(`container:${outsideId}`);
    expect(c.joined!.State.Running).toBe(true);
    expect(c.dev!.HostConfig.Devices).toEqual([
      { PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/zero', PathInContainer: '/dev/xzero', CgroupPermissions: 'r' },
    ]);
  });

  it('volumes: named with labels, relative bind, anonymous, tmpfs, read_only, nocopy, volumes_from', async () => {
    const { s, c } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    command: ["sleep", "3600"]
    volumes:
      - data:/data
      - ./host:/host:ro
      - /anon
      - { type: tmpfs, target: /fast }
      - { type: volume, source: cache, target: /cache, volume: { nocopy: true } }
  reader:
    image: ${BB}
    command: ["sleep", "3600"]
    volumes_from: ["app:ro"]
volumes:
  data:
    labels: { backup: daily }
  cache:
`,
      'host/file.txt': 'x',
    });
    const mounts = Object.fromEntries(c.app!.Mounts.map((m) => [m.Destination, m]));
    expect(mounts['/data']).toMatchObject({ Type: 'volume', Name: `${s.projectName}_data`, RW: true });
    expect(mounts['/host']).toMatchObject({ Type: 'bind', Source: `${s.dir}/host`, RW: false });
    expect(mounts['/anon']).toMatchObject({ Type: 'volume' });
    expect(c.app!.HostConfig.Tmpfs).toEqual({ '/fast': '' });
    expect(mounts['/cache']).toMatchObject({ Type: 'volume', Name: `${s.projectName}_cache` });
    expect(c.reader!.HostConfig.VolumesFrom).toEqual([`${c.app!.Id}:ro`]);
    const data = await engine.inspectVolume(`${s.projectName}_data`);
    expect(data.labels).toMatchObject({ backup: 'daily', 'com.docker.compose.project': s.projectName, 'com.docker.compose.volume': 'data' });
  });

  it('healthcheck settings and disable', async () => {
    const { c } = await up({
      'compose.yaml': `services:
  checked:
    image: ${BB}
    command: ["sleep", "3600"]
    healthcheck: { test: "true", interval: 2s, timeout: 1s, retries: 4, start_period: 3s }
  unchecked:
    image: ${BB}
    command: ["sleep", "3600"]
    healthcheck: { disable: true }
`,
    });
    expect(c.checked!.Config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'true'], Interval: 2e9, Timeout: 1e9, Retries: 4, StartPeriod: 3e9 });
    expect(c.unchecked!.Config.Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it('interpolated and quoted values reach the engine as the types their keys want (compose-go casts them)', async () => {
    const { s, c } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    command: ["sleep", "3600"]
    read_only: \${RO:-false}
    healthcheck:
      test: "true"
      retries: \${N}
      disable: "false"
    volumes:
      - { type: volume, source: data, target: /data, read_only: "false" }
volumes:
  data:
    external: \${X}
`,
    }, { N: '5', X: 'false' });
    expect(c.app!.Config.Healthcheck).toMatchObject({ Test: ['CMD-SHELL', 'true'], Retries: 5 });
    expect(c.app!.HostConfig.ReadonlyRootfs).toBe(false);
    const mounts = Object.fromEntries(c.app!.Mounts.map((m) => [m.Destination, m]));
    // Not external: tcompose created the volume under the project's name, and mounted it writable.
    expect(mounts['/data']).toMatchObject({ Type: 'volume', Name: `${s.projectName}_data`, RW: true });
  });

  it('secrets and configs from a file, the environment and inline content, read-only at their targets with their mode', async () => {
    const { s } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    command: ["sleep", "3600"]
    secrets:
      - token
      - source: from_env
        target: env_secret
        mode: 0400
    configs:
      - source: inline
        target: /etc/app.conf
secrets:
  token: { file: ./token.txt }
  from_env: { environment: TC_SECRET_VALUE }
configs:
  inline: { content: "key=value" }
`,
      'token.txt': 's3cr3t',
    }, { TC_SECRET_VALUE: 'from-the-environment' });
    const read = async (path: string) => (await s.ok(['exec', '-T', 'app', 'cat', path])).stdout;
    expect(await read('/run/secrets/token')).toBe('s3cr3t');
    expect(await read('/run/secrets/env_secret')).toBe('from-the-environment');
    expect(await read('/etc/app.conf')).toBe('key=value');
    expect((await s.ok(['exec', '-T', 'app', 'stat', '-c', '%a', '/run/secrets/env_secret'])).stdout.trim()).toBe('400');
    const write = await s.cli(['exec', '-T', 'app', 'sh', '-c', 'echo x > /run/secrets/token']);
    expect(write.code).not.toBe(0);
  });

  it('post_start and pre_stop hooks run in the container', async () => {
    const { s } = await up({
      'compose.yaml': `services:
  app:
    image: ${BB}
    command: ["sleep", "3600"]
    init: true
    volumes: [shared:/shared]
    post_start:
      - command: ["sh", "-c", "echo started > /shared/post_start"]
    pre_stop:
      - command: ["sh", "-c", "echo stopping > /shared/pre_stop"]
volumes:
  shared:
`,
    });
    expect((await s.ok(['exec', '-T', 'app', 'cat', '/shared/post_start'])).stdout).toBe('started\n');
    await s.ok(['stop']);
    await s.ok(['start']);
    expect((await s.ok(['exec', '-T', 'app', 'cat', '/shared/pre_stop'])).stdout).toBe('stopping\n');
  });
});
