import { describe, expect, it } from 'vitest';
import { encode, decode, text, num } from './proto-wire.js';
import { BuildkitProgress } from './buildkit-status.js';

const ts = (s: number) => encode([[1, s], [2, 500_000_000]]);

describe('BuildKit progress', () => {
  it('round-trips the protobuf fields the session and status messages use', () => {
    const d = decode(encode([[1, 'host:5000'], [2, Buffer.from([0, 255])], [3, 300], [4, undefined]]));
    expect(text(d, 1)).toBe('host:5000');
    expect(d.get(2)?.[0]).toEqual(Buffer.from([0, 255]));
    expect(num(d, 3)).toBe(300);
    expect(d.has(4)).toBe(false);
  });

  it('prints steps as BuildKit\'s plain output does: numbered as first shown, output lines, CACHED and DONE', () => {
    const lines: string[] = [];
    const progress = new BuildkitProgress((l) => lines.push(l));
    const vertex = (digest: string, name: string, extra: Array<[number, Buffer | number | string]> = []) => encode([[1, digest], [3, name], ...extra]);
    const status = (parts: Array<[number, Buffer]>) => encode(parts).toString('base64');
    progress.trace(status([[1, vertex('sha256:b', '[2/2] RUN make', [[5, ts(10)]])], [1, vertex('sha256:a', '[1/2] FROM base', [[4, 1]])]]));
    progress.trace(status([[3, encode([[1, 'sha256:b'], [2, ts(11)], [4, 'compiling\npart']])]]));
    progress.trace(status([[1, vertex('sha256:b', '[2/2] RUN make', [[5, ts(10)], [6, ts(12)]])]]));
    expect(lines).toEqual(['#1 [2/2] RUN make', '#2 [1/2] FROM base', '#2 CACHED', '#1 1.000 compiling', '#1 part', '#1 DONE 2.0s']);
  });

  it('keeps the first step error for the failure message', () => {
    const lines: string[] = [];
    const progress = new BuildkitProgress((l) => lines.push(l));
    progress.trace(encode([[1, encode([[1, 'sha256:c'], [3, '[1/1] RUN false'], [5, ts(1)], [7, 'exit code: 1']])]]).toString('base64'));
    expect(progress.error).toBe('exit code: 1');
    expect(lines).toEqual(['#1 [1/1] RUN false', '#1 ERROR: exit code: 1']);
  });
});
