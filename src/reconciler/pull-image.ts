/** Pulling a service's image, with an error that names the service, the image and the registry. */
import { RuntimeError } from '../errors/index.js';
import type { ExecContext } from './execute.js';

/** The registry an image reference points at (`docker.io` unless the first component looks like a host). */
export function registryOf(image: string): string {
  const first = image.split('/')[0]!;
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

export async function pullServiceImage(serviceName: string, image: string, ctx: Pick<ExecContext, 'engine' | 'signal'>, onLine?: (line: string) => void): Promise<void> {
  try {
    await ctx.engine.pullImage(image, onLine, ctx.signal);
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
