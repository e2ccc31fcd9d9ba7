import { describe, expect, it } from 'vitest';
import { connectionLayers, connectionsAt, type ConnectionStage } from './connection-layers.ts';

const stagesOf = (...pairs: Array<[number, number]>): ConnectionStage[] =>
  pairs.map(([durationSeconds, connections]) => ({ durationSeconds, connections }));

/** The count the layers give in the middle of every stage. */
function countsPerStage(stages: ConnectionStage[]): number[] {
  const layers = connectionLayers(stages);
  let start = 0;
  return stages.map((stage) => {
    const middle = start + stage.durationSeconds / 2;
    start += stage.durationSeconds;
    return connectionsAt(layers, middle);
  });
}

describe('connectionLayers', () => {
  it('keeps the first stage running throughout and adds the spike as its own layer', () => {
    expect(connectionLayers(stagesOf([2, 10], [2, 100], [2, 10]))).toEqual([
      { startSeconds: 0, durationSeconds: 6, connections: 10 },
      { startSeconds: 2, durationSeconds: 2, connections: 90 },
    ]);
  });

  it('splits a layer from its start when only part of it should outlive a fall', () => {
    const stages = stagesOf([1, 10], [1, 100], [1, 50]);
    expect(connectionLayers(stages)).toEqual([
      { startSeconds: 0, durationSeconds: 3, connections: 10 },
      { startSeconds: 1, durationSeconds: 2, connections: 40 },
      { startSeconds: 1, durationSeconds: 1, connections: 50 },
    ]);
    expect(countsPerStage(stages)).toEqual([10, 100, 50]);
  });

  it('gives every stage its count for ramps up, ramps down and repeated spikes', () => {
    for (const stages of [
      stagesOf([1, 1], [1, 5], [1, 20], [1, 50]),
      stagesOf([1, 50], [1, 20], [1, 5], [1, 1]),
      stagesOf([1, 10], [1, 100], [1, 10], [1, 100], [1, 10]),
      stagesOf([0.5, 30], [0.5, 7], [0.5, 80], [0.5, 3], [0.5, 30]),
    ]) {
      expect(countsPerStage(stages)).toEqual(stages.map((stage) => stage.connections));
    }
  });

  it('needs one layer for an unchanging count', () => {
    expect(connectionLayers(stagesOf([1, 10], [2, 10]))).toEqual([
      { startSeconds: 0, durationSeconds: 3, connections: 10 },
    ]);
  });
});
