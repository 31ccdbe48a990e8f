/** Pulling a service's image, with an error that names the service, the image and the registry. */
import { RuntimeError } from '../errors/index.js';
import type { ExecContext } from './execute.js';
import { registryOf } from '../model/names.js';
import type { EventSink } from '../model/events.js';
import type { LayerProgress } from '../engine/engine.js';
import { layerEvent } from './layer-progress.js';

export { registryOf };

/** With `events`, each layer reports under the image's row (`Image <ref>`), as docker compose's pull does. */
export async function pullServiceImage(serviceName: string, image: string, ctx: Pick<ExecContext, 'engine' | 'signal'> & { events?: EventSink }): Promise<void> {
  const events = ctx.events;
  const onLayer = events && ((_line: string, layer?: LayerProgress) => {
    const e = layer && layerEvent(`Image ${image}`, layer);
    if (e) events.event(e);
  });
  try {
    await ctx.engine.pullImage(image, onLayer, ctx.signal);
  } catch (err) {
    throw new RuntimeError(
      `service "${serviceName}": image ${image} is not present locally and could not be pulled from registry ${registryOf(image)}: ${(err as Error).message.replace(/^pull image [^:]+:\s*/, '')}`,
      1, { cause: err });
  }
}

export async function pushServiceImage(serviceName: string, image: string, ctx: Pick<ExecContext, 'engine' | 'signal'>, onLine?: (line: string) => void): Promise<void> {
  try {
    await ctx.engine.pushImage(image, onLine, ctx.signal);
  } catch (err) {
    throw new RuntimeError(
      `service "${serviceName}": image ${image} could not be pushed to registry ${registryOf(image)}: ${(err as Error).message.replace(/^push image [^:]+:\s*/, '')}`,
      1, { cause: err });
  }
}
