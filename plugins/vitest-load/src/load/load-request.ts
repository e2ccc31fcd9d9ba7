export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One kind of request a load sends. */
export interface LoadRequest {
  /** Names this kind of request in the per-request results of a mix. Default: "METHOD path". */
  name?: string;
  method: HttpMethod;
  /** A path, or a function called for every request to vary it (a random existing id, say). */
  path: string | (() => unknown);
  headers: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON; a function gives one per request. */
  body?: unknown;
  /** Status codes that count as success; any other counts as an error. Default: any 2xx. */
  expectStatus?: number[];
  /** Share of this request in a mix, relative to the others' weights. */
  weight: number;
}

/** An open-model stage: this arrival rate for this long. */
export interface OpenStage {
  duration: number;
  rate: number;
}

/** A closed-model stage: this many connections for this long. */
export interface ClosedStage {
  duration: number;
  connections: number;
}

export type LoadStage = OpenStage | ClosedStage;
export const isOpenStages = (stages: LoadStage[]): stages is OpenStage[] => stages.every((stage) => 'rate' in stage);
export const isClosedStages = (stages: LoadStage[]): stages is ClosedStage[] =>
  stages.every((stage) => 'connections' in stage);
