// The floor: the Engine API calls an orchestrator must make for `up -d` / `down` of N independent services,
// made directly and all in parallel by a minimal script (node:http on the engine's socket, no client library,
// nothing else loaded). No orchestrator can beat it.
import { request } from 'node:http';
import { connect } from 'node:net';

const socketPath = process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') || '/var/run/docker.sock';
const [mode, project, count] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 0)];
const IMAGE = 'tcompose/busybox:latest';

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request({ method, path, createConnection: () => connect(socketPath), headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode < 300 ? resolve(text ? JSON.parse(text) : undefined) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

const label = encodeURIComponent(JSON.stringify({ label: [`bench.floor=${project}`] }));
if (mode === 'up') {
  await call('POST', '/networks/create', { Name: `${project}_default`, Labels: { 'bench.floor': project } });
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    const { Id } = await call('POST', `/containers/create?name=${project}-s${i}-1`, {
      Image: IMAGE, Cmd: ['sleep', '3600'], Labels: { 'bench.floor': project },
      HostConfig: { NetworkMode: `${project}_default`, Init: true },
    });
    await call('POST', `/containers/${Id}/start`);
  }));
} else if (mode === 'down') {
  const list = await call('GET', `/containers/json?all=true&filters=${label}`);
  await Promise.all(list.map((c) => call('DELETE', `/containers/${c.Id}?force=true`)));
  await call('DELETE', `/networks/${project}_default`).catch(() => undefined);
}
