import { describe, expect, it } from 'vitest';
import { cacheFromImages, cacheToBuildArgs } from './build-inputs.js';

describe('build cache entries', () => {
  it('cache_to type=inline becomes the BUILDKIT_INLINE_CACHE build argument', () => {
    expect(cacheToBuildArgs('app', ['type=inline'])).toEqual({ BUILDKIT_INLINE_CACHE: '1' });
    expect(cacheToBuildArgs('app', undefined)).toEqual({});
  });

  it('a cache_to the engine cannot export is refused, naming the entry', () => {
    expect(() => cacheToBuildArgs('app', ['type=local,dest=./c'])).toThrow(/cache_to "type=local,dest=.\/c" is not supported/);
    expect(() => cacheToBuildArgs('app', ['user/app:cache'])).toThrow(/exporting to a registry/);
  });

  it('cache_from takes images, plain or as type=registry,ref=…', () => {
    expect(cacheFromImages('app', ['a:1', 'type=registry,ref=b:2'])).toEqual(['a:1', 'b:2']);
    expect(() => cacheFromImages('app', ['type=local,src=./c'])).toThrow(/not supported/);
  });
});
