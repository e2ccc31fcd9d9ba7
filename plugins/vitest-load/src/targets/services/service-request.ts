import type { ServiceName } from '../service.ts';
import type { ServiceOptions } from './index.ts';

/** What the plugin asks its global setup to start. */
export interface ServiceRequest {
  services: ServiceName[];
  options: ServiceOptions;
}
