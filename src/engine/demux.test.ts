import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { demuxStream } from './demux.js';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return { stream: new Writable({ write(c, _e, cb) { chunks.push(c); cb(); } }), text: () => Buffer.concat(chunks).toString() };
}

describe('demuxStream', () => {
  it('splits frames to stdout and stderr, also when frames arrive cut at any byte', async () => {
    const all = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err one\n'), frame(1, 'out two\n'), frame(1, '')]);
    for (const cut of [1, 3, 8, 9, 13, all.length]) {
      const input = new PassThrough();
      const out = sink();
      const err = sink();
      demuxStream(input, out.stream, err.stream);
      for (let i = 0; i < all.length; i += cut) input.write(all.subarray(i, i + cut));
      input.end();
      await new Promise((r) => setImmediate(r));
      expect(out.text()).toBe('out one\nout two\n');
      expect(err.text()).toBe('err one\n');
    }
  });
});
