import { describe, expect, it } from 'vitest';
import { mergeValues } from './merge.js';
import { parseComposeFile } from './parse.js';
import { canonicalFile } from './canonical.js';

const load = (text: string) => canonicalFile(parseComposeFile('x.yaml', text).data);
const merged = (a: string, b: string) => mergeValues(load(a), load(b)) as { services: { web: Record<string, unknown> } };

describe('merge rules', () => {
  it('merges mappings, replaces scalars, replaces command', () => {
    const m = merged('services:\n  web:\n    image: a\n    command: echo a\n    environment: [A=1, B=2]\n', 'services:\n  web:\n    image: b\n    command: [echo, b]\n    environment:\n      B: "3"\n');
    expect(m.services.web).toEqual({ image: 'b', command: ['echo', 'b'], environment: { A: '1', B: '3' } });
  });

  it('de-duplicates ports and merges volumes by target', () => {
    const m = merged('services:\n  web:\n    ports: ["80:80"]\n    volumes: ["a:/data", "./x:/x"]\n', 'services:\n  web:\n    ports: ["80:80", "443:443"]\n    volumes: ["b:/data"]\n');
    expect(m.services.web.ports).toHaveLength(2);
    expect(m.services.web.volumes).toEqual([{ type: 'volume', source: 'b', target: '/data', volume: {} }, expect.objectContaining({ target: '/x' })]);
  });

  it('appends other sequences without duplicates', () => {
    const m = merged('services:\n  web:\n    dns: [1.1.1.1]\n', 'services:\n  web:\n    dns: [1.1.1.1, 8.8.8.8]\n');
    expect(m.services.web.dns).toEqual(['1.1.1.1', '8.8.8.8']);
  });

  it('honours !reset and !override', () => {
    const m = merged('services:\n  web:\n    ports: ["80:80"]\n    environment: {A: "1", B: "2"}\n', 'services:\n  web:\n    ports: !reset []\n    environment: !override\n      C: "3"\n');
    expect(m.services.web.ports).toBeUndefined();
    expect(m.services.web.environment).toEqual({ C: '3' });
  });

  it('replaces healthcheck.test but merges the rest of healthcheck', () => {
    const m = merged('services:\n  web:\n    healthcheck:\n      test: [CMD, a]\n      interval: 1s\n', 'services:\n  web:\n    healthcheck:\n      test: [CMD, b, c]\n');
    expect(m.services.web.healthcheck).toEqual({ test: ['CMD', 'b', 'c'], interval: '1s' });
  });
});
