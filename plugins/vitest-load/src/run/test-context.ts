import type { RuntimeName } from '../targets/runtime-context.ts';
import type { ProvidedServices } from '../targets/service.ts';
import type { LoadRunSettings } from './settings.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';

/** What a suite's test is given to run one target: the suite's options, the run's settings and services, where to report. */
export interface SuiteTestContext<Options> {
  scenario: string;
  target: TargetDefinition;
  /** Where the target runs; default: the process runtime. */
  runtime?: RuntimeName;
  options: Options;
  settings: LoadRunSettings;
  services: ProvidedServices;
  suiteFile: string;
  /** True when the user asked to record baselines (vitest -u). */
  update: boolean;
  /** The test task's meta, where the results are left for reporters. */
  meta: object;
  log: (line: string) => void;
}
