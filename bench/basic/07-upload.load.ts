import { bench } from 'vitest-load';
import { multipartUploadBody } from '../../fixtures/upload-bodies.ts';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 07, file-upload: a 64 KiB file streamed through a SHA-256 hash per request. That
// memory stays flat for a 50 MB file is checked by the contract tests, not here.
const upload = multipartUploadBody(64 * 1024);

bench.load('07 POST /upload 64 KiB', {
  ...labSuite,
  targets: targetsServing('07'),
  request: { method: 'POST', path: '/upload', headers: { 'content-type': upload.contentType }, body: upload.body },
  connections: 10,
});
