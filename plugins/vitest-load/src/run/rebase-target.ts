import { isAbsolute, relative, resolve } from 'node:path';
import type { TargetDefinition } from '../targets/target-definition.ts';

/**
 * The target as the base revision's checkout starts it: paths inside the head checkout point
 * into the base checkout instead (relative ones already do, being resolved against the root
 * they are started from). Sidecars stand for the world outside the code under test, so both
 * sides get the head's: their paths are made absolute in the head checkout.
 */
export function rebaseTarget(target: TargetDefinition, headRoot: string, baseRoot: string): TargetDefinition {
  const move = (value: string): string => {
    if (!isAbsolute(value)) return value;
    const inside = relative(headRoot, value);
    return inside.startsWith('..') || isAbsolute(inside) ? value : resolve(baseRoot, inside);
  };
  return {
    ...target,
    command: move(target.command),
    args: target.args.map(move),
    ...(target.cwd === undefined ? {} : { cwd: move(target.cwd) }),
    env: Object.fromEntries(Object.entries(target.env).map(([name, value]) => [name, move(value)])),
    ...(target.build
      ? {
          build: {
            ...target.build,
            args: target.build.args.map(move),
            inputs: target.build.inputs.map(move),
            outputs: target.build.outputs.map(move),
          },
        }
      : {}),
    sidecars: target.sidecars.map((sidecar) => ({ ...sidecar, cwd: resolve(headRoot, sidecar.cwd ?? '.') })),
  };
}
