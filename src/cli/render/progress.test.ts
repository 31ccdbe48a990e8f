import { describe, it, expect } from 'vitest';
import { plainRenderer, jsonRenderer, resolveProgressMode } from './progress.js';

function capture(make: (w: (s: string) => void) => { event: (e: never) => void }) {
  let out = '';
  const r = make((s) => (out += s));
  return { r, out: () => out };
}

describe('--progress plain and json', () => {
  it('plain prints every event as docker compose v5 does: " <id> <text> <details>"', () => {
    const { r, out } = capture(plainRenderer);
    r.event({ resource: 'Container p-web-1', status: 'working', text: 'Starting' } as never);
    r.event({ resource: 'Container p-web-1', status: 'done', text: 'Started', elapsedMs: 600 } as never);
    r.event({ resource: 'Container p-db-1', status: 'error', text: 'Error', detail: 'port is already allocated' } as never);
    expect(out()).toBe(' Container p-web-1 Starting \n Container p-web-1 Started \n Container p-db-1 Error port is already allocated\n');
  });

  it('json prints docker compose\'s fields, the status as Working/Done/Warning/Error, empty fields left out', () => {
    const { r, out } = capture(jsonRenderer);
    r.event({ resource: 'Image app:1', status: 'working', text: 'Pulling' } as never);
    r.event({ resource: 'abc123', parentId: 'Image app:1', status: 'working', text: 'Downloading', current: 10, total: 100, percent: 10 } as never);
    r.event({ resource: 'Image app:1', status: 'done', text: 'Pulled', elapsedMs: 900 } as never);
    expect(out().trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'Image app:1', status: 'Working', text: 'Pulling' },
      { id: 'abc123', parent_id: 'Image app:1', status: 'Working', text: 'Downloading', details: '10B', current: 10, total: 100, percent: 10 },
      { id: 'Image app:1', status: 'Done', text: 'Pulled' },
    ]);
  });

  it('chooses the mode as docker compose does and refuses contradictions with --ansi', () => {
    expect(resolveProgressMode('auto', 'auto', true)).toBe('tty');
    expect(resolveProgressMode('auto', 'auto', false)).toBe('plain');
    expect(resolveProgressMode('auto', 'never', true)).toBe('plain');
    expect(resolveProgressMode('json', 'auto', true)).toBe('json');
    expect(() => resolveProgressMode('tty', 'never', true)).toThrow("can't use --progress tty while ANSI support is disabled");
    expect(() => resolveProgressMode('plain', 'always', true)).toThrow("can't use --progress plain while ANSI support is forced");
  });
});
