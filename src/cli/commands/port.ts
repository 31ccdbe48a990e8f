/** `port`: the public address bound for a service's private port. */
import type { CommandModule } from '../context.js';
import { oneContainer } from '../select-containers.js';
import { RuntimeError, UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'Print the public port for a port binding',
  usage: 'port [OPTIONS] SERVICE PRIVATE_PORT',
  flags: [
    { name: 'protocol', type: 'string', description: 'tcp or udp (default "tcp")' },
    { name: 'index', type: 'number', description: 'Index of the container if service has multiple replicas' },
  ],
  async run(ctx, flags, positionals) {
    const [service, privatePort] = positionals;
    if (!service || !privatePort || !/^\d+$/.test(privatePort)) throw new UsageError('port requires SERVICE and a numeric PRIVATE_PORT');
    const protocol = (flags.protocol as string | undefined) ?? 'tcp';
    const { tcompose, container } = await oneContainer(ctx, service, (flags.index as number | undefined) ?? 1);
    const inspect = await tcompose.engine.inspectContainer(container.id);
    const bindings = inspect.NetworkSettings.Ports?.[`${privatePort}/${protocol}`];
    const first = bindings?.[0];
    if (!first) throw new RuntimeError(`no port ${privatePort}/${protocol} published for service "${service}"`);
    ctx.stdout.write(`${first.HostIp || '0.0.0.0'}:${first.HostPort}\n`);
    return 0;
  },
};
