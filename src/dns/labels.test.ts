import { describe, expect, it } from 'vitest';
import type { Project } from '../model/project.js';
import { DnsLabels, dnsLabelsFor, parseAliasesLabel, parseLinksLabel } from './labels.js';

describe('DNS labels', () => {
  it('round-trips aliases (by engine network name), links and hostname', () => {
    const project = {
      name: 'shop',
      services: { web: { networks: { back: { aliases: ['api', 'www'] }, front: null }, links: ['db:database', 'cache'], hostname: 'web-host' } },
      networks: { back: { name: 'shop_back' }, front: { name: 'shop_front' } },
    } as unknown as Project;
    const labels = dnsLabelsFor(project, 'web');
    expect(labels[DnsLabels.hostname]).toBe('web-host');
    expect(parseAliasesLabel(labels[DnsLabels.aliases])).toEqual({ shop_back: ['api', 'www'] });
    expect(parseLinksLabel(labels[DnsLabels.links])).toEqual([{ serviceName: 'db', alias: 'database' }, { serviceName: 'cache', alias: 'cache' }]);
  });

  it('reads malformed labels as empty instead of failing', () => {
    expect(parseAliasesLabel('{not json')).toEqual({});
    expect(parseAliasesLabel('["a"]')).toEqual({});
    expect(parseAliasesLabel('{"n": ["a", 3]}')).toEqual({ n: ['a'] });
    expect(parseLinksLabel('{"a":1}')).toEqual([]);
  });
});
