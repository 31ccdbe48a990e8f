// The floor: the Engine API calls an orchestrator must make for `up -d` / `down` of N independent services,
// made directly and all in parallel, with nothing else. No orchestrator can beat it.
import Dockerode from 'dockerode';

const docker = new Dockerode({ socketPath: process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') || '/var/run/docker.sock' });
const [mode, project, count] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 0)];
const IMAGE = 'tcompose/busybox:latest';

if (mode === 'up') {
  const network = await docker.createNetwork({ Name: `${project}_default`, Labels: { 'bench.floor': project } });
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    const c = await docker.createContainer({
      name: `${project}-s${i}-1`, Image: IMAGE, Cmd: ['sleep', '3600'], Labels: { 'bench.floor': project },
      HostConfig: { NetworkMode: `${project}_default`, Init: true },
    });
    await c.start();
  }));
  void network;
} else if (mode === 'down') {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`bench.floor=${project}`] }) });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  await docker.getNetwork(`${project}_default`).remove().catch(() => undefined);
}
