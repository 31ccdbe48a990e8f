/**
 * Kept beside dockerode on purpose: its modem.demuxStream copies the rest of the buffer for every frame and
 * writes each frame on its own; `logs` of 10 services × 10,000 lines took about 1.7x as long with it.
 *
 * A container's output without a TTY comes multiplexed: frames of an 8-byte header (stream type, 3 zero bytes,
 * big-endian length) and a payload. Type 1 is stdout, 2 stderr (0, stdin, is written to stdout).
 */
export function demuxStream(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  let pending: Buffer = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let offset = 0;
    // Consecutive frames of the same stream go out as one write (a log line is one frame).
    let run: Buffer[] = [];
    let runIsStderr = false;
    const flush = () => { if (run.length) (runIsStderr ? stderr : stdout).write(run.length === 1 ? run[0]! : Buffer.concat(run)); run = []; };
    while (pending.length - offset >= 8) {
      const size = pending.readUInt32BE(offset + 4);
      if (pending.length - offset - 8 < size) break;
      const isStderr = pending[offset] === 2;
      if (isStderr !== runIsStderr) { flush(); runIsStderr = isStderr; }
      if (size) run.push(pending.subarray(offset + 8, offset + 8 + size));
      offset += 8 + size;
    }
    flush();
    pending = pending.subarray(offset);
  });
}
