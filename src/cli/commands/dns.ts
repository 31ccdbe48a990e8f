/** `dns status`: what the embedded DNS daemon serves (projects, names, addresses, health); `dns stop`. */
import type { CommandModule } from '../context.js';
import { UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'Show or stop the embedded DNS daemon (status | stop)',
  usage: 'dns status|stop',
  flags: [{ name: 'format', type: 'string', description: 'Format the output: table or json' }],
  async run(ctx, flags, positionals) {
    const dns = await import('../../dns/index.js');
    const action = positionals[0] ?? 'status';
    if (action === 'stop') {
      ctx.stderr.write((await dns.stopDnsDaemon(ctx.env)) ? 'stopped the DNS daemon\n' : 'the DNS daemon is not running\n');
      return 0;
    }
    if (action !== 'status') throw new UsageError(`unknown dns action "${action}": expected status or stop`);
    const status = await dns.dnsStatus(ctx.env);
    ctx.stdout.write(flags.format === 'json' ? `${JSON.stringify(status)}\n` : `${dns.formatDnsStatus(status)}\n`);
    return 0;
  },
};
