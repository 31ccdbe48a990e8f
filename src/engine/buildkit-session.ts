/**
 * A BuildKit session: POST /session is upgraded (h2c) and the engine, as a gRPC client, calls back into this
 * process during a `version=2` build. Served here: health (the engine drops a session that does not answer),
 * registry credentials, build secrets and ssh agent forwarding. Loaded only by builds (gRPC is large).
 */
import * as grpc from '@grpc/grpc-js';
import type Dockerode from 'dockerode';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { dial } from './dockerode-client.js';
import { decode, encode, text } from './proto-wire.js';
import type { CredentialStore } from './registry-auth.js';

export interface SessionAttachables {
  credentials: CredentialStore;
  /** Secret id (as `RUN --mount=type=secret,id=…` names it) → its value. */
  secrets: Record<string, Buffer>;
  /** ssh id (`RUN --mount=type=ssh,id=…`, `default` when unnamed) → an ssh agent's socket. */
  ssh: Record<string, string>;
}

type Handler = grpc.UntypedHandleCall;

const raw = (b: Buffer) => b;
function method(path: string, stream = false) {
  return { path, requestStream: stream, responseStream: stream, requestDeserialize: raw, requestSerialize: raw, responseSerialize: raw, responseDeserialize: raw, originalName: path.split('/').pop() };
}

const notFound = (what: string) => Object.assign(new Error(what), { code: grpc.status.NOT_FOUND });

const HEALTH = '/grpc.health.v1.Health/Check';
const CREDENTIALS = '/moby.filesync.v1.Auth/Credentials';
const GET_SECRET = '/moby.buildkit.secrets.v1.Secrets/GetSecret';
const CHECK_AGENT = '/moby.sshforward.v1.SSH/CheckAgent';
const FORWARD_AGENT = '/moby.sshforward.v1.SSH/ForwardAgent';

function services(attach: SessionAttachables): Array<[Record<string, ReturnType<typeof method>>, Record<string, Handler>]> {
  const unary = (fn: (request: Buffer) => Promise<Buffer>): Handler => ((call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
    fn(call.request).then((answer) => done(null, answer), (err: Error & { code?: number }) => done({ code: err.code ?? grpc.status.INTERNAL, details: err.message }));
  }) as Handler;
  const list: Array<[Record<string, ReturnType<typeof method>>, Record<string, Handler>]> = [
    // HealthCheckResponse{status: SERVING}
    [{ Check: method(HEALTH) }, { Check: unary(async () => encode([[1, 1]])) }],
    [{ Credentials: method(CREDENTIALS) }, {
      Credentials: unary(async (request) => {
        const host = text(decode(request), 1) ?? '';
        const auth = await attach.credentials.forRegistry(host);
        // CredentialsResponse{Username, Secret}; an identity token goes with an empty user name.
        if (!auth) return encode([]);
        return encode([[1, auth.identitytoken ? '' : auth.username], [2, auth.identitytoken ?? auth.password]]);
      }),
    }],
    [{ GetSecret: method(GET_SECRET) }, {
      GetSecret: unary(async (request) => {
        const id = text(decode(request), 1) ?? '';
        const value = attach.secrets[id];
        if (!value) throw notFound(`secret ${id} not found: the service's build.secrets does not provide it`);
        return encode([[1, value]]);
      }),
    }],
  ];
  if (Object.keys(attach.ssh).length) {
    list.push([{ CheckAgent: method(CHECK_AGENT), ForwardAgent: method(FORWARD_AGENT, true) }, {
      CheckAgent: unary(async (request) => {
        const id = text(decode(request), 1) || 'default';
        if (!attach.ssh[id]) throw notFound(`no ssh agent for id "${id}": name it in build.ssh or --ssh`);
        return encode([]);
      }),
      ForwardAgent: ((call: grpc.ServerDuplexStream<Buffer, Buffer>) => forwardAgent(call, attach.ssh)) as Handler,
    }]);
  }
  return list;
}

/** BytesMessage frames both ways between the build and the agent's socket. */
function forwardAgent(call: grpc.ServerDuplexStream<Buffer, Buffer>, agents: Record<string, string>): void {
  const id = String(call.metadata.get('buildkit.ssh.id')[0] ?? '') || 'default';
  const path = agents[id];
  if (!path) { call.emit('error', { code: grpc.status.NOT_FOUND, details: `no ssh agent for id "${id}"` }); return; }
  const agent = connect(path);
  agent.on('data', (chunk: Buffer) => call.write(encode([[1, chunk]])));
  agent.on('end', () => call.end());
  agent.on('error', () => call.end());
  call.on('data', (message: Buffer) => {
    const data = decode(message).get(1)?.[0];
    if (Buffer.isBuffer(data)) agent.write(data);
  });
  call.on('end', () => agent.end());
  call.on('error', () => agent.destroy());
}

export interface BuildkitSession { id: string; close(): void }

export async function openSession(docker: Dockerode, attach: SessionAttachables, name: string): Promise<BuildkitSession> {
  const id = randomUUID();
  const defs = services(attach);
  const methods = defs.flatMap(([def]) => Object.values(def).map((m) => m.path));
  const socket = await dial<Duplex>(docker, {
    method: 'POST', path: '/session', hijack: true,
    headers: {
      Upgrade: 'h2c',
      'X-Docker-Expose-Session-Uuid': id,
      'X-Docker-Expose-Session-Name': name,
      'X-Docker-Expose-Session-Sharedkey': '',
      'X-Docker-Expose-Session-Grpc-Method': methods,
    },
  });
  const server = new grpc.Server();
  for (const [def, impl] of defs) server.addService(def as unknown as grpc.ServiceDefinition, impl);
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  injector.injectConnection(socket);
  return {
    id,
    close() {
      injector.destroy();
      server.forceShutdown();
      socket.destroy();
    },
  };
}
