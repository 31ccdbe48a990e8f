import { describe, expect, it } from 'vitest';
import { credentialStore, registryAuthHeader, DOCKER_HUB_AUTH_KEY } from './registry-auth.js';
import type { DockerConfigFile } from './docker-config.js';

const config = (c: Partial<DockerConfigFile>): DockerConfigFile => ({ path: '/cfg/config.json', auths: {}, credHelpers: {}, ...c });
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('registry credentials from the docker config', () => {
  it('decodes auth, keeps identity tokens, and finds legacy keys written as URLs', async () => {
    const store = credentialStore(() => config({
      auths: {
        'reg.example:5000': { auth: b64('alice:pa:ss') },
        'https://old.example/v1/': { auth: b64('bob:pw') },
        [DOCKER_HUB_AUTH_KEY]: { identitytoken: 'tok' },
      },
    }));
    expect(await store.forImage('reg.example:5000/team/app:1')).toEqual({ serveraddress: 'reg.example:5000', username: 'alice', password: 'pa:ss' });
    expect(await store.forImage('old.example/app')).toMatchObject({ username: 'bob', password: 'pw' });
    expect(await store.forImage('busybox')).toEqual({ serveraddress: DOCKER_HUB_AUTH_KEY, identitytoken: 'tok' });
    expect(await store.forImage('elsewhere.example/app')).toBeUndefined();
  });

  it('names the credential helper that is missing from PATH', async () => {
    const store = credentialStore(() => config({ credsStore: 'nonexistent-tc' }), { PATH: '/nonexistent' });
    await expect(store.forImage('reg.example/app')).rejects.toThrow('docker-credential-nonexistent-tc is not on PATH');
  });

  it('encodes the header as the engine decodes it: URL-safe base64 of the JSON, with padding', () => {
    const header = registryAuthHeader({ username: 'u?>', password: 'p', serveraddress: 'r' });
    expect(header).not.toMatch(/[+/]/);
    expect(JSON.parse(Buffer.from(header.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString())).toEqual({ username: 'u?>', password: 'p', serveraddress: 'r' });
    expect(registryAuthHeader(undefined)).toBe('e30=');
  });
});
