import { request as httpRequest } from 'node:http';
import { bench, type AfterLoadContext } from 'vitest-load';
import { prepareFlashSale } from '../../fixtures/flash-sale.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { flashPaths } from '../../implementations/contract/src/index.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Response compression: a page of 100 products (about 20 kB of JSON) sent as it is, or gzipped
// for a client that says it accepts gzip (each framework's own compression: the compression
// middleware on Express, @fastify/compress on Fastify). Same pages in both variants. The bytes
// per response are the load generator's count (bytes/s over requests/s, headers included);
// afterLoad checks that the gzip variant's responses were compressed and the plain ones not.
const LIMIT = 100;
// Shallow pages, so that OFFSET costs little and what differs is the compression.
const PAGES = 10;

function randomPages(): () => string {
  const random = seededRandom(31);
  return () => `${flashPaths.products}?page=${1 + Math.floor(random() * PAGES)}&limit=${LIMIT}`;
}

const acceptGzip = { 'accept-encoding': 'gzip' };

/** One response's encoding and size on the wire, as the client receives it. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ encoding: string | undefined; bytes: number }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], bytes }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function checkEncoding({ variant, url, result, target }: AfterLoadContext): Promise<void> {
  const path = `${url}${flashPaths.products}?page=1&limit=${LIMIT}`;
  const plain = await rawGet(path, {});
  const gzipped = await rawGet(path, acceptGzip);
  const perResponse = result.bytesPerSecond / Math.max(result.requestsPerSecond, 1);
  const found = `${target} ${variant}: ${Math.round(perResponse).toLocaleString('en-US')} bytes per response under load; page 1 is ${plain.bytes.toLocaleString('en-US')} bytes plain and ${gzipped.bytes.toLocaleString('en-US')} gzipped (${((100 * gzipped.bytes) / plain.bytes).toFixed(0)}%)`;
  if (plain.encoding !== undefined || gzipped.encoding !== 'gzip')
    throw new Error(
      `${found}; expected no content-encoding without accept-encoding and gzip with it, got ${plain.encoding} and ${gzipped.encoding}`,
    );
  if (variant === 'gzip' && perResponse > plain.bytes / 3)
    throw new Error(`${found}; the gzip variant's responses were not compressed`);
  if (variant === 'identity' && perResponse < plain.bytes * 0.9)
    throw new Error(`${found}; the plain variant's responses were smaller than a plain page`);
  console.log(found);
}

bench.compare('flash sale gzip', {
  ...variantSuite,
  targets: targetsServing('flash'),
  connections: 10,
  variants: {
    identity: { request: { name: 'identity', path: randomPages() } },
    gzip: { request: { name: 'gzip', path: randomPages(), headers: acceptGzip } },
  },
  // Measured with the recording run (-u, 3 rounds per target, shared 2-core machine with a load
  // average near 10 from other work): 14,570 bytes per plain response against 2,290 gzipped
  // (6.4x fewer), and identity faster than gzip in p50 by 1.2x to 1.5x on Express and 1.6x to
  // 1.8x on Fastify. On loopback the bytes saved cost nothing to send, so what shows is the CPU
  // time of compressing every response: the claim is that plain is faster here.
  expect: [{ faster: 'identity', than: 'gzip', by: 1.1, figure: 'p50' }],
  beforeLoad: ({ env }) => prepareFlashSale(env),
  afterLoad: checkEncoding,
});
