import { describe, expect, it } from 'vitest';
import { schemaCheck } from './schema-check.js';
import { FieldError } from './field-error.js';
import { RESET } from './parse.js';

function errorOf(data: Record<string, unknown>): FieldError {
  try {
    schemaCheck(data);
  } catch (err) {
    if (err instanceof FieldError) return err;
    throw err;
  }
  throw new Error('expected a schema error');
}

describe('ajv schema check', () => {
  it('accepts the short and long forms of service fields', () => {
    expect(() => schemaCheck({ services: { web: {
      image: 'x', command: 'echo hi', environment: ['A=1'], labels: { a: 'b' }, ports: ['80:80', { target: 81 }],
      volumes: ['./a:/a', { type: 'volume', source: 'v', target: '/v' }], depends_on: ['db'], networks: { n: null },
    } } })).not.toThrow();
  });

  it('reports the most specific error, in compose words, with its key path', () => {
    const err = errorOf({ services: { web: { image: 'x', environment: { A: { nested: true } } } } });
    expect(err.path).toEqual(['services', 'web', 'environment', 'A']);
    expect(err.message).toBe('must be a string, a number, a boolean or null, not a mapping');
  });

  it('says "must be a sequence" for a port list written as a mapping', () => {
    const err = errorOf({ services: { web: { image: 'x', ports: { a: 1 } } } });
    expect(err.path).toEqual(['services', 'web', 'ports']);
    expect(err.message).toBe('must be a sequence, not a mapping');
  });

  it('ignores values marked !reset', () => {
    expect(() => schemaCheck({ services: { web: { image: 'x', ports: { [RESET]: true } } } })).not.toThrow();
  });
});
