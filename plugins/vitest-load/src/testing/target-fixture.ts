import { targetOption, type TargetInput } from '../suite/options.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';

/** A target as a suite would declare it, with the defaults the options fill in. */
export const targetFixture = (input: TargetInput): TargetDefinition => targetOption.parse(input);
