/** V8's `.cpuprofile` (what `--cpu-prof` writes and the inspector's Profiler.stop returns), as far as it is read here. */
export interface V8CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
    children?: number[];
  }>;
  samples: number[];
  /** Microseconds since the previous sample (the first: since the profile's start). */
  timeDeltas: number[];
}

/** One frame of a flame graph, in d3-flame-graph's input shape: `value` is the frame's total, its children's included. */
export interface FlameNode {
  name: string;
  /** Microseconds on the CPU in this frame and what it called. */
  value: number;
  /** In a differential view: this frame's own share grown from base to head, in the same unit as `value`. */
  delta?: number;
  children: FlameNode[];
}

/** A frame's own (self) time, where the profile's time went without what it called. */
export interface SelfTime {
  frame: string;
  /** Share of the busy time (idle excluded), 0 to 1. */
  share: number;
}

/** What a report keeps of a profile: the flame graph (small frames folded away) and the frames by self time. */
export interface ProfileSummary {
  flame: FlameNode;
  topSelf: SelfTime[];
  /** Microseconds the target was busy (not idle) in the profile. */
  busyMicroseconds: number;
}

// V8 names the time its thread waited for work `(idle)`: not the target's cost, so shares leave it out.
const IDLE = '(idle)';
const ROOT = '(root)';

/**
 * `name file:line` of a call frame: the file relative to the target's folder (so that a base
 * checkout elsewhere names the same frame alike), else its last two path segments.
 */
export function frameName(callFrame: V8CpuProfile['nodes'][number]['callFrame'], root?: string): string {
  const name = callFrame.functionName || '(anonymous)';
  if (!callFrame.url) return name;
  const path = callFrame.url.replace(/^file:\/\//, '');
  const prefix = root === undefined ? undefined : `${root.replace(/\/$/, '')}/`;
  const file = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path.split('/').slice(-2).join('/');
  // V8's line numbers count from 0.
  return `${name} ${file}:${callFrame.lineNumber + 1}`;
}

/** Microseconds of self time per profile node: each sample counts for the interval up to the next one. */
function selfMicroseconds(profile: V8CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    const interval = profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0;
    // Deltas can be negative when samples arrive out of order; they count for nothing rather than less than nothing.
    self.set(nodeId, (self.get(nodeId) ?? 0) + Math.max(0, interval));
  });
  return self;
}

/**
 * Turns a V8 CPU profile into a flame graph and a self-time ranking. Frames under `minShare`
 * of the busy time are folded into their parent (their time stays in its total), so that a
 * report holds hundreds of frames rather than tens of thousands.
 */
export function summarizeCpuProfile(
  profile: V8CpuProfile,
  options: { minShare?: number; top?: number; root?: string } = {},
): ProfileSummary {
  const minShare = options.minShare ?? 0.002;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = selfMicroseconds(profile);
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const rootNode = profile.nodes.find((node) => !childIds.has(node.id));
  if (!rootNode) throw new Error('the CPU profile has no root node');

  const selfByFrame = new Map<string, number>();
  const build = (id: number): FlameNode | undefined => {
    const node = byId.get(id);
    if (!node) return undefined;
    const name = frameName(node.callFrame, options.root);
    if (name === IDLE) return undefined;
    const own = self.get(id) ?? 0;
    if (own > 0 && name !== ROOT) selfByFrame.set(name, (selfByFrame.get(name) ?? 0) + own);
    const children = (node.children ?? []).map(build).filter((child): child is FlameNode => child !== undefined);
    return { name, value: own + children.reduce((sum, child) => sum + child.value, 0), children };
  };
  const flame = build(rootNode.id) ?? { name: ROOT, value: 0, children: [] };
  const busy = flame.value;
  const prune = (node: FlameNode): FlameNode => ({
    ...node,
    children: node.children.filter((child) => busy > 0 && child.value / busy >= minShare).map(prune),
  });
  const topSelf = [...selfByFrame]
    .map(([frame, micros]) => ({ frame, share: busy > 0 ? micros / busy : 0 }))
    .sort((a, b) => b.share - a.share || a.frame.localeCompare(b.frame))
    .slice(0, options.top ?? 15);
  return { flame: prune(flame), topSelf, busyMicroseconds: busy };
}
