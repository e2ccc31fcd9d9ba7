// Scenario 07, POST /upload: multipart bodies streamed through a hash, with the same answers from
// every implementation for files, limits and broken or missing bodies.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  multipartUploadBody,
  multipartUploadStream,
  uploadFileBytes,
  uploadFileStream,
} from '../../../fixtures/upload-bodies.ts';
import {
  errorMessages,
  errorResponseSchema,
  uploadPartsLimit,
  uploadResponseSchema,
  type UploadResponse,
} from './index.ts';
import { expectJson, expectSameAnswers, expectSameError, sendToAll, type Answer } from './testing/answers.ts';
import { implementationsServing, startTargets, stopTargets, type Targets } from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('07');

// Small, so that an oversized file is cheap; above 64 KiB, so that the fixture's body fits.
const limitBytes = 100_000;
let targets: Targets;

beforeAll(async () => {
  targets = await startTargets({ uploadLimitBytes: limitBytes }, names);
});

afterAll(() => stopTargets(targets));

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A form of files (name, contents, file name) and plain fields (name, value). */
function form(files: [string, Uint8Array | string, string][], fields: [string, string][] = []): () => RequestInit {
  return () => {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    for (const [name, contents, filename] of files) body.append(name, new Blob([contents]), filename);
    return { method: 'POST', body };
  };
}

/** A hand-written multipart body, for what FormData cannot express. */
function multipart(body: string | Uint8Array, boundary = 'contract-boundary'): RequestInit {
  return { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
}

function filePart(field: string, filename: string, contents: string): string {
  return `--contract-boundary\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n\r\n${contents}\r\n`;
}

function fieldPart(field: string, value: string): string {
  return `--contract-boundary\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`;
}

const end = '--contract-boundary--\r\n';

/**
 * Sends an upload whose file goes past the limit and whose body then never ends, and resolves
 * with the answer the server gives meanwhile; a server that waited for the end would never answer.
 */
function answerToEndlessUpload(baseUrl: string): Promise<Answer> {
  const file = new Readable({ read() {} });
  file.push(uploadFileBytes(limitBytes + 64 * 1024));
  const { stream, contentType } = multipartUploadStream(file);
  return new Promise((resolve, reject) => {
    const upload = request(
      `${baseUrl}/upload`,
      { method: 'POST', headers: { 'content-type': contentType } },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          upload.destroy();
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? null,
            wwwAuthenticate: null,
            location: null,
            retryAfter: null,
            text,
          });
        });
      },
    );
    upload.on('error', reject);
    stream.pipe(upload);
  });
}

async function expectFiles(init: RequestInit | (() => RequestInit)): Promise<UploadResponse['files']> {
  const answer = expectSameAnswers(await sendToAll(targets, '/upload', init));
  return (expectJson(answer, 200, uploadResponseSchema) as UploadResponse).files;
}

describe('every implementation reads uploaded files alike', () => {
  it("answers a small file's field, file name, size and SHA-256", async () => {
    const contents = uploadFileBytes(5000, 7);
    const files = await expectFiles(form([['document', contents, 'report.pdf']]));
    expect(files).toEqual([{ field: 'document', filename: 'report.pdf', bytes: 5000, sha256: sha256(contents) }]);
  });

  it('answers every file in the order sent and ignores plain fields', async () => {
    const first = uploadFileBytes(3000, 1);
    const second = uploadFileBytes(70_000, 2);
    const init = form(
      [
        ['first', first, 'a.bin'],
        ['second', second, 'b.bin'],
      ],
      [['title', 'two files']],
    );
    expect(await expectFiles(init)).toEqual([
      { field: 'first', filename: 'a.bin', bytes: 3000, sha256: sha256(first) },
      { field: 'second', filename: 'b.bin', bytes: 70_000, sha256: sha256(second) },
    ]);
  });

  it("accepts the load suite's body with the fixture file's size and hash", async () => {
    const { body, contentType } = multipartUploadBody();
    const files = await expectFiles({ method: 'POST', headers: { 'content-type': contentType }, body });
    expect(files).toEqual([
      { field: 'file', filename: 'upload.bin', bytes: 65_536, sha256: sha256(uploadFileBytes(65_536)) },
    ]);
  });

  it('answers an empty file as 0 bytes', async () => {
    expect(await expectFiles(form([['empty', '', 'empty.txt']]))).toEqual([
      { field: 'empty', filename: 'empty.txt', bytes: 0, sha256: sha256('') },
    ]);
  });

  it('keeps a UTF-8 file name and drops any directory from it', async () => {
    const body = filePart('a', 'Zoë €.txt', 'x') + filePart('b', 'C:\\\\Users\\\\me\\\\notes.txt', 'y') + end;
    const files = await expectFiles(multipart(body));
    expect(files.map((file) => file.filename)).toEqual(['Zoë €.txt', 'notes.txt']);
  });

  it('reports a part without a field name as the field ""', async () => {
    const body = '--contract-boundary\r\nContent-Disposition: form-data; filename="x.txt"\r\n\r\nabc\r\n' + end;
    expect(await expectFiles(multipart(body))).toMatchObject([{ field: '', filename: 'x.txt', bytes: 3 }]);
  });

  it('takes a part with an empty file name as a field, unless it is sent as binary', async () => {
    const asField = '--contract-boundary\r\nContent-Disposition: form-data; name="a"; filename=""\r\n\r\nabc\r\n' + end;
    await expectSameError(targets, '/upload', multipart(asField), 400, errorMessages.noFile);
    const asFile =
      '--contract-boundary\r\nContent-Disposition: form-data; name="a"; filename=""\r\n' +
      'Content-Type: application/octet-stream\r\n\r\n\r\n' +
      end;
    expect(await expectFiles(multipart(asFile))).toEqual([{ field: 'a', filename: '', bytes: 0, sha256: sha256('') }]);
  });
});

describe('every implementation holds uploads to the limits alike', () => {
  it('accepts a file of exactly the limit', async () => {
    expect(await expectFiles(form([['file', uploadFileBytes(limitBytes), 'limit.bin']]))).toMatchObject([
      { bytes: limitBytes },
    ]);
  });

  it('refuses a file one byte over the limit with a 413 naming the limit', async () => {
    const init = form([['file', uploadFileBytes(limitBytes + 1), 'over.bin']]);
    await expectSameError(targets, '/upload', init, 413, errorMessages.fileTooLarge(limitBytes));
  });

  it('answers 413 while a much larger upload is still being sent, and the client is not left hanging', async () => {
    const init = (): RequestInit => {
      const { stream, contentType } = multipartUploadStream(uploadFileStream(8 * 1024 * 1024));
      // duplex: 'half' is what fetch requires of a streamed request body.
      return {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: Readable.toWeb(stream) as ReadableStream,
        duplex: 'half',
      } as RequestInit;
    };
    await expectSameError(targets, '/upload', init, 413, errorMessages.fileTooLarge(limitBytes));
  });

  it('answers 413 as soon as a file passes the limit, without waiting for the rest of the body', async () => {
    const answers = Object.fromEntries(
      await Promise.all(
        names.map(async (name) => [name, await answerToEndlessUpload(targets[name]!.baseUrl)] as const),
      ),
    );
    const answer = expectSameAnswers(answers as Record<string, Answer>);
    expect(expectJson(answer, 413, errorResponseSchema)).toMatchObject({
      message: errorMessages.fileTooLarge(limitBytes),
    });
  });

  it(`accepts ${uploadPartsLimit} parts and refuses one more with a 413`, async () => {
    const fields = (count: number) => Array.from({ length: count }, (_, index) => fieldPart(`f${index}`, 'v')).join('');
    const atLimit = filePart('file', 'a.txt', 'abc') + fields(uploadPartsLimit - 1) + end;
    expect(await expectFiles(multipart(atLimit))).toHaveLength(1);
    const overLimit = filePart('file', 'a.txt', 'abc') + fields(uploadPartsLimit) + end;
    await expectSameError(targets, '/upload', multipart(overLimit), 413, errorMessages.tooManyParts);
  });
});

describe('every implementation refuses what is not an upload alike', () => {
  it('refuses a form without a file with a 400', async () => {
    await expectSameError(targets, '/upload', form([], [['title', 'no file']]), 400, errorMessages.noFile);
  });

  it('refuses an empty multipart body with a 400 saying a file is needed', async () => {
    await expectSameError(targets, '/upload', multipart(''), 400, errorMessages.noFile);
    await expectSameError(targets, '/upload', multipart(end), 400, errorMessages.noFile);
  });

  it('refuses a body that breaks off inside a file with a 400', async () => {
    const init = multipart('--contract-boundary\r\nContent-Disposition: form-data; name="a"; filename="a"\r\n\r\nabc');
    await expectSameError(targets, '/upload', init, 400, errorMessages.invalidMultipart);
  });

  it('refuses a multipart content type without a boundary with a 400', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'abc' };
    await expectSameError(targets, '/upload', init, 400, errorMessages.invalidMultipart);
  });

  it('refuses a part named after an Object.prototype property with a 400', async () => {
    await expectSameError(
      targets,
      '/upload',
      form([['constructor', 'x', 'a.txt']]),
      400,
      errorMessages.reservedPartName,
    );
  });

  it('refuses a JSON body with a 415', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"file":"not a file"}' };
    await expectSameError(targets, '/upload', init, 415, errorMessages.notMultipart);
  });

  it('refuses a malformed JSON body with a 415 too, without parsing it', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"file":' };
    await expectSameError(targets, '/upload', init, 415, errorMessages.notMultipart);
  });

  it('refuses a request without a content type with a 415', async () => {
    await expectSameError(targets, '/upload', { method: 'POST' }, 415, errorMessages.notMultipart);
  });

  it('answers GET /upload as an unknown route', async () => {
    await expectSameError(targets, '/upload', {}, 404, errorMessages.routeNotFound('GET', '/upload'));
  });
});
