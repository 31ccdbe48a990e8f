/** `events`: the engine's container events for this project, as text or JSON lines, until Ctrl+C. */
import type { CommandModule } from '../context.js';
import { Labels } from '../../model/labels.js';

export const command: CommandModule = {
  summary: 'Receive real time events from containers',
  usage: 'events [OPTIONS] [SERVICE...]',
  flags: [{ name: 'json', type: 'boolean', description: 'Output events as a stream of json objects' }],
  async run(ctx, flags, services) {
    const target = await ctx.projectOrName(services);
    const projectName = typeof target === 'string' ? target : target.name;
    const engine = await ctx.engine();
    try {
      for await (const e of engine.events({ labels: [`${Labels.project}=${projectName}`], types: ['container'] }, ctx.signal)) {
        const service = e.attributes[Labels.service] ?? '';
        if (services.length && !services.includes(service)) continue;
        const time = new Date(e.time * 1000).toISOString();
        const attributes = Object.fromEntries(Object.entries(e.attributes).filter(([k]) => !k.startsWith('com.docker.compose.')));
        if (flags.json) ctx.stdout.write(`${JSON.stringify({ time, type: e.type, action: e.action, id: e.id, service, attributes })}\n`);
        else ctx.stdout.write(`${time} ${e.type} ${e.action} ${e.id} (${Object.entries(attributes).map(([k, v]) => `${k}=${v}`).join(', ')})\n`);
      }
    } catch (err) {
      if (!ctx.signal.aborted) throw err;
    }
    return 0;
  },
};
