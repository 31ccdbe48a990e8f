import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/index.js';
import { sendWithPolicy } from './failure-policy.js';

const signal = new AbortController().signal;

/** A send that fails with the given kinds, in order, then succeeds. */
function failing(...kinds: Array<'in-use' | 'not-found' | 'conflict'>) {
  const calls = { count: 0 };
  const send = async () => {
    const kind = kinds[calls.count++];
    if (kind) throw new EngineError(kind, `engine said ${kind}`);
  };
  return { send, calls };
}

describe('failure policies', () => {
  it('sends again while the engine answers with the retried kind', async () => {
    const { send, calls } = failing('in-use', 'in-use');
    await sendWithPolicy(send, { retry: { on: 'in-use', withinMs: 10_000 } }, signal);
    expect(calls.count).toBe(3);
  });

  it('stops retrying once the window is over and reports the last refusal', async () => {
    const { send, calls } = failing('in-use', 'in-use', 'in-use');
    let clock = 0;
    const now = () => (clock += 6_000);
    await expect(sendWithPolicy(send, { retry: { on: 'in-use', withinMs: 10_000 } }, signal, now)).rejects.toThrow('engine said in-use');
    expect(calls.count).toBe(2);
  });

  it('takes a kind listed as done for success, and fails on any other', async () => {
    await expect(sendWithPolicy(failing('not-found').send, { done: ['not-found'] }, signal)).resolves.toBeUndefined();
    await expect(sendWithPolicy(failing('conflict').send, { done: ['not-found'] }, signal)).rejects.toThrow('engine said conflict');
    await expect(sendWithPolicy(failing('in-use').send, undefined, signal)).rejects.toThrow('engine said in-use');
  });
});
