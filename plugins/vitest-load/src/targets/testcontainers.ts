/**
 * Loads Testcontainers, set up for vitest-load: no Ryuk (vitest-load removes what it starts by
 * its own labels, and Ryuk's image cannot be pulled without a registry) and mapped ports read
 * on 127.0.0.1, where the load generator sends its load. The environment must be set before the
 * module is first evaluated, hence the dynamic import. The user's own settings win.
 */
export async function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  return import('testcontainers');
}
