// Copies implementations/sql/*.sql to dist/sql/, for a deployed package (`pnpm deploy`, the
// container images) that has no repository around it: src/sql.ts reads the repository's folder
// when it is there, and this copy otherwise.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../sql/', import.meta.url));
const to = fileURLToPath(new URL('../dist/sql/', import.meta.url));
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((name) => name.endsWith('.sql'))) cpSync(`${from}${file}`, `${to}${file}`);
