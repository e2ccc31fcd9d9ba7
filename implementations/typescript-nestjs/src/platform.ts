// One build, two of Nest's HTTP platforms: NEST_PLATFORM chooses which one main.ts starts.

export const platforms = ['express', 'fastify'] as const;
export type Platform = (typeof platforms)[number];

/** NEST_PLATFORM: `express` (@nestjs/platform-express, the default) or `fastify` (@nestjs/platform-fastify). */
export function readPlatform(env: NodeJS.ProcessEnv): Platform {
  const raw = env['NEST_PLATFORM'];
  if (raw === undefined || raw === '') return 'express';
  if (!(platforms as readonly string[]).includes(raw)) {
    throw new Error(`NEST_PLATFORM must be one of ${platforms.join(', ')}, got "${raw}"`);
  }
  return raw as Platform;
}
