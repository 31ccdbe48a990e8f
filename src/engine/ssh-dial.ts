/**
 * `ssh://` engines, reached as the docker CLI reaches them: each connection is an `ssh … docker system
 * dial-stdio` process whose stdin/stdout carry the Engine API. Using the user's own ssh client keeps their
 * ~/.ssh/config, keys, agent and known_hosts in force (no host key is ever accepted unseen).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { lazyChildProcess } from './lazy-builtin.js';
import { Agent } from 'node:http';
import { Duplex } from 'node:stream';

export interface SshTarget { user?: string; host: string; port?: number; socketPath?: string }

/** The ssh command line for one connection (docker CLI: `-o ConnectTimeout=30 -T -l user -p port -- host docker … system dial-stdio`). */
export function sshArgs(target: SshTarget): string[] {
  const remote = target.socketPath ? ['docker', `--host=unix://${target.socketPath}`, 'system', 'dial-stdio'] : ['docker', 'system', 'dial-stdio'];
  return [
    '-o', 'ConnectTimeout=30', '-T',
    ...(target.user ? ['-l', target.user] : []), ...(target.port ? ['-p', String(target.port)] : []),
    '--', target.host, ...remote,
  ];
}

/** A child process's stdio as a socket-like stream, enough for node:http (keep-alive, upgrade). */
class CommandConnection extends Duplex {
  private stderr = '';
  /** Settles when ssh is gone, with what it said when it failed (stderr read to its end). */
  private readonly ended: Promise<Error | undefined>;
  constructor(private readonly child: ChildProcessWithoutNullStreams, private readonly describe: string) {
    super();
    child.stdout.on('data', (chunk: Buffer) => { if (!this.push(chunk)) child.stdout.pause(); });
    // ssh closes its stdout before it exits: its end is the stream's end only if ssh did not fail.
    child.stdout.on('end', () => void this.ended.then((failure) => (failure ? this.destroy(failure) : this.push(null))));
    child.stderr.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-2000); });
    child.stdin.on('error', () => undefined); // a closed pipe shows up as ssh's exit below
    this.ended = new Promise((resolve) => {
      child.on('error', (err) => resolve(Object.assign(new Error(`cannot run ssh for ${this.describe}: ${err.message}`), { code: 'ESSH' })));
      child.on('close', (code) => resolve(code ? Object.assign(new Error(`${this.describe}: ${this.stderr.trim() || `ssh exited with status ${code}`}`), { code: 'ESSH' }) : undefined));
    });
    void this.ended.then((failure) => { if (failure && !this.destroyed) this.destroy(failure); });
  }
  override _read(): void { this.child.stdout.resume(); }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    // A write into an ssh that already failed is reported as ssh's own failure, not as a broken pipe.
    this.child.stdin.write(chunk, (err) => (err ? void this.ended.then((failure) => callback(failure ?? err)) : callback()));
  }
  override _final(callback: () => void): void { this.child.stdin.end(); callback(); }
  override _destroy(err: Error | null, callback: (err: Error | null) => void): void {
    this.child.stdin.destroy();
    if (this.child.exitCode === null) this.child.kill();
    callback(err);
  }
  // node:http treats agent connections as sockets.
  setKeepAlive(): this { return this; }
  setNoDelay(): this { return this; }
  setTimeout(): this { return this; }
  /** An idle pooled connection must not keep the CLI from exiting. */
  unref(): this { this.child.unref(); for (const s of this.pipes()) s.unref?.(); return this; }
  ref(): this { this.child.ref(); for (const s of this.pipes()) s.ref?.(); return this; }
  private pipes(): Array<{ ref?: () => void; unref?: () => void }> {
    return [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as Array<{ ref?: () => void; unref?: () => void }>;
  }
}

/** An http.Agent whose every connection is an ssh process to the engine's host; idle ones are kept for reuse. */
export function sshAgent(target: SshTarget, env: Record<string, string | undefined> = process.env): Agent {
  const agent = new Agent({ keepAlive: true });
  const describe = `ssh connection to ${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}`;
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () => {
    const child = lazyChildProcess().spawn('ssh', sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'], env: env as NodeJS.ProcessEnv });
    return new CommandConnection(child, describe);
  };
  return agent;
}
