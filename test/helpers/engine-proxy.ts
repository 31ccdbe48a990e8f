/**
 * A second socket path for the test engine: a unix socket that forwards every connection to the engine's own
 * and counts them, so a test can tell which path a command used.
 */
import { connect, createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const engineSocket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');

export async function engineProxy(): Promise<{ socketPath: string; connections: () => number; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tc-engine-proxy-'));
  const socketPath = join(dir, 'docker.sock');
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect(engineSocket);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    connections: () => connections,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
