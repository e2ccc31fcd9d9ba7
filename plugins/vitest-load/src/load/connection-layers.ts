/** One closed-model stage in the units the runner uses. */
export interface ConnectionStage {
  durationSeconds: number;
  connections: number;
}

/** A fixed number of connections from one moment to another: one autocannon instance. */
export interface ConnectionLayer {
  startSeconds: number;
  durationSeconds: number;
  connections: number;
}

/**
 * Splits connections that change over time into layers of fixed connections, each started and
 * stopped at a stage boundary, whose sum at every moment is the stage's count: 10 → 100 → 10 is
 * 10 for the whole load plus 90 during the second stage. A fall that only part of a layer
 * should survive splits that layer from its start (10 → 100 → 50: 10 throughout, 40 from the
 * second stage to the end, 50 during the second stage), so every layer is one instance with
 * one connection count. Layers that rise last are stopped first, as on a stack.
 */
export function connectionLayers(stages: ConnectionStage[]): ConnectionLayer[] {
  const layers: ConnectionLayer[] = [];
  // Open layers, oldest first; the newest sits on top and goes first when the count falls.
  const open: Array<{ startSeconds: number; connections: number }> = [];
  let level = 0;
  let now = 0;
  const close = (layer: { startSeconds: number; connections: number }, at: number): void => {
    if (layer.connections > 0 && at > layer.startSeconds)
      layers.push({
        startSeconds: layer.startSeconds,
        durationSeconds: at - layer.startSeconds,
        connections: layer.connections,
      });
  };
  for (const stage of stages) {
    while (level > stage.connections) {
      const top = open[open.length - 1]!;
      const excess = level - stage.connections;
      if (top.connections <= excess) {
        open.pop();
        close(top, now);
        level -= top.connections;
      } else {
        // Part of the top layer ends here: that part was its own instance from the layer's start.
        close({ startSeconds: top.startSeconds, connections: excess }, now);
        top.connections -= excess;
        level -= excess;
      }
    }
    if (stage.connections > level) {
      open.push({ startSeconds: now, connections: stage.connections - level });
      level = stage.connections;
    }
    now += stage.durationSeconds;
  }
  for (const layer of open) close(layer, now);
  return layers.sort((a, b) => a.startSeconds - b.startSeconds || b.durationSeconds - a.durationSeconds);
}

/** Connections open at `seconds` into the load, by the layers: what a test checks the split against. */
export const connectionsAt = (layers: ConnectionLayer[], seconds: number): number =>
  layers.reduce(
    (sum, layer) =>
      seconds >= layer.startSeconds && seconds < layer.startSeconds + layer.durationSeconds
        ? sum + layer.connections
        : sum,
    0,
  );
