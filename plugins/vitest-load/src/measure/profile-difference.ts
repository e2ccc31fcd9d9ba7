import type { FlameNode, SelfTime } from './cpu-profile.ts';

/** A frame whose share of the busy time changed from base to head. */
export interface FrameGrowth {
  frame: string;
  baseShare: number;
  headShare: number;
  /** headShare − baseShare: positive when the head spends a larger share of its time here. */
  growth: number;
}

/**
 * Which frames grew from base to head: each frame's self-time share in both, largest growth
 * first. Shares rather than times, so that a head that is slower overall does not make every
 * frame look grown.
 */
export function framesThatGrew(base: SelfTime[], head: SelfTime[], top = 10): FrameGrowth[] {
  const baseShares = new Map(base.map((entry) => [entry.frame, entry.share]));
  const headShares = new Map(head.map((entry) => [entry.frame, entry.share]));
  const frames = new Set([...baseShares.keys(), ...headShares.keys()]);
  return [...frames]
    .map((frame) => {
      const baseShare = baseShares.get(frame) ?? 0;
      const headShare = headShares.get(frame) ?? 0;
      return { frame, baseShare, headShare, growth: headShare - baseShare };
    })
    .filter((entry) => entry.growth > 0)
    .sort((a, b) => b.growth - a.growth || a.frame.localeCompare(b.frame))
    .slice(0, top);
}

/** A frame's self time: its total less its children's. */
const selfOf = (node: FlameNode) => node.value - node.children.reduce((sum, child) => sum + child.value, 0);

/**
 * The head's flame graph with each frame's `delta`: how much its self-time share grew over the
 * same call path in the base, in the head's microseconds (d3-flame-graph's differential colours
 * read it: red grew, blue shrank).
 */
export function differentialFlame(base: FlameNode, head: FlameNode): FlameNode {
  const baseTotal = base.value || 1;
  const headTotal = head.value || 1;
  const walk = (headNode: FlameNode, baseNode: FlameNode | undefined): FlameNode => {
    const headShare = selfOf(headNode) / headTotal;
    const baseShare = baseNode ? selfOf(baseNode) / baseTotal : 0;
    const baseChildren = new Map((baseNode?.children ?? []).map((child) => [child.name, child]));
    return {
      name: headNode.name,
      value: headNode.value,
      delta: Math.round((headShare - baseShare) * headTotal),
      children: headNode.children.map((child) => walk(child, baseChildren.get(child.name))),
    };
  };
  return walk(head, base);
}
