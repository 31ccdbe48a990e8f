/**
 * A pull's per-layer messages as progress events under the image's row, as docker compose makes them
 * (pkg/compose/pull.go toPullProgressEvent): byte counts while downloading or extracting, done once the layer
 * is complete or already there. Pure.
 */
import type { ProgressEvent } from '../model/events.js';
import type { LayerProgress } from '../engine/engine.js';

const STARTING = new Set(['Preparing', 'Waiting', 'Pulling fs layer']);
const MOVING = new Set(['Downloading', 'Extracting', 'Verifying Checksum', 'Pushing']);
const COMPLETE = new Set(['Download complete', 'Already exists', 'Pull complete', 'Pushed', 'Layer already exists']);

export function layerEvent(parentId: string, layer: LayerProgress): ProgressEvent | undefined {
  if (!layer.hasDetail) return undefined;
  let status: ProgressEvent['status'] = 'working';
  let percent = 0;
  let total: number | undefined;
  if (MOVING.has(layer.status)) {
    total = layer.total;
    if (total) percent = Math.min(Math.floor(((layer.current ?? 0) * 100) / total), 100);
  } else if (COMPLETE.has(layer.status) || /Image is up to date|Downloaded newer image/.test(layer.status)) {
    status = 'done';
    percent = 100;
  } else if (!STARTING.has(layer.status)) {
    return undefined;
  }
  // The details (the bytes so far, as docker compose shows them) are the renderers' to write.
  return { resource: layer.id, parentId, status, text: layer.status, current: layer.current ?? 0, total, percent };
}
