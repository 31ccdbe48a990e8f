import { describe, it, expect } from 'vitest';
import { layerEvent } from './layer-progress.js';

describe('layer progress of a pull', () => {
  const parent = 'Image reg/app:1';
  it('carries byte counts and a percentage while downloading or extracting', () => {
    expect(layerEvent(parent, { id: 'abc', status: 'Downloading', hasDetail: true, current: 750, total: 3000 }))
      .toEqual({ resource: 'abc', parentId: parent, status: 'working', text: 'Downloading', current: 750, total: 3000, percent: 25 });
  });
  it('is done once the layer is complete or already there', () => {
    for (const status of ['Pull complete', 'Already exists', 'Download complete']) {
      expect(layerEvent(parent, { id: 'abc', status, hasDetail: true })).toMatchObject({ status: 'done', percent: 100 });
    }
  });
  it('skips messages without a progress detail and unknown steps, as docker compose does', () => {
    expect(layerEvent(parent, { id: '1', status: 'Pulling from app', hasDetail: false })).toBeUndefined();
    expect(layerEvent(parent, { id: 'abc', status: 'Something new', hasDetail: true })).toBeUndefined();
    expect(layerEvent(parent, { id: 'abc', status: 'Waiting', hasDetail: true })).toMatchObject({ status: 'working', percent: 0 });
  });
});
