import { describe, expect, it } from 'vitest';
import { pluginInvocation, pluginMetadata, PLUGIN_ENV } from './plugin-mode.js';

const asPlugin = { [PLUGIN_ENV]: '/usr/bin/docker' };

describe('docker CLI plugin protocol', () => {
  it('answers the metadata the docker CLI asks for', () => {
    expect(pluginInvocation(['docker-cli-plugin-metadata'], {})).toEqual({ kind: 'metadata' });
    expect(JSON.parse(pluginMetadata())).toMatchObject({ SchemaVersion: '0.1.0', Vendor: 'tcompose' });
  });

  it('drops the leading `compose` and hands docker\'s connection flags on as tcompose\'s', () => {
    expect(pluginInvocation(['compose', 'up', '-d'], asPlugin)).toEqual({ kind: 'run', argv: ['up', '-d'] });
    expect(pluginInvocation(['--context', 'remote', '-D', 'compose', '-p', 'x', 'ps'], asPlugin)).toEqual({ kind: 'run', argv: ['--context', 'remote', '--verbose', '-p', 'x', 'ps'] });
    expect(pluginInvocation(['-H', 'ssh://me@box', '--tlsverify', '--log-level=debug', 'compose', 'ls'], asPlugin)).toEqual({ kind: 'run', argv: ['--host', 'ssh://me@box', '--tlsverify', 'ls'] });
    expect(pluginInvocation(['--config=/tmp/cfg', 'compose', 'ps'], asPlugin)).toEqual({ kind: 'run', argv: ['ps'], configDir: '/tmp/cfg' });
  });

  it('leaves a direct run\'s arguments alone, even one that starts with compose', () => {
    expect(pluginInvocation(['compose', 'up'], {})).toEqual({ kind: 'run', argv: ['compose', 'up'] });
  });
});
