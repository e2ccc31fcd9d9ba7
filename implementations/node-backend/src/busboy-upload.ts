// POST /upload's reading of a multipart body with busboy, on a plain IncomingMessage: Express's
// route and NestJS's Express platform read uploads alike (Fastify's implementations use
// @fastify/multipart instead).
import { errorMessages, HttpError, uploadPartsLimit, type UploadedFile } from '@lab/contract';
import busboy, { type Busboy } from 'busboy';
import type { IncomingMessage } from 'node:http';
import { digestFile, discardRequestBody, isReservedPartName, uploadedFile } from './upload.js';

function createParser(request: IncomingMessage, limitBytes: number): Busboy {
  try {
    return busboy({
      headers: request.headers,
      // busboy 1 counts reaching a limit as exceeding it (a file of fileSize bytes is truncated,
      // the parts-th part fires partsLimit), while the contract's limits are the most allowed.
      limits: { fileSize: limitBytes + 1, parts: uploadPartsLimit + 1 },
      // As @fastify/busboy decodes them: a UTF-8 file name stays readable.
      defParamCharset: 'utf8',
    });
  } catch {
    // No boundary in the content type.
    throw new HttpError(400, errorMessages.invalidMultipart);
  }
}

/**
 * Streams every file part of the request through digestFile as busboy hands them over, and
 * settles with the files, or with the contract's error as soon as one is known.
 */
export function readUploadedFiles(request: IncomingMessage, limitBytes: number): Promise<UploadedFile[]> {
  return new Promise((resolve, reject) => {
    const parser = createParser(request, limitBytes);
    const digests: Promise<UploadedFile>[] = [];
    let failed = false;
    const fail = (error: HttpError) => {
      if (failed) return;
      failed = true;
      discardRequestBody(request);
      reject(error);
    };
    const refuseReservedName = (name: string) => {
      if (isReservedPartName(name)) fail(new HttpError(400, errorMessages.reservedPartName));
    };

    parser.on('file', (field, file, { filename }) => {
      refuseReservedName(field);
      file.once('limit', () => fail(new HttpError(413, errorMessages.fileTooLarge(limitBytes))));
      const digest = digestFile(file).then((result) => uploadedFile(field, filename, result));
      // A file that breaks off also fails the parser, whose 'error' answers for both.
      digest.catch(() => undefined);
      digests.push(digest);
    });
    parser.on('field', refuseReservedName);
    parser.once('partsLimit', () => fail(new HttpError(413, errorMessages.tooManyParts)));
    // As @fastify/multipart does, an empty body counts as a form without parts, not a broken one.
    let sawData = false;
    request.once('data', () => (sawData = true));
    // `on`, not `once`: busboy can emit a second error for one broken body (a malformed part
    // header after the first), and an 'error' event without a listener ends the process.
    parser.on('error', () => fail(new HttpError(400, sawData ? errorMessages.invalidMultipart : errorMessages.noFile)));
    parser.once('close', () => {
      Promise.all(digests).then(resolve, () => fail(new HttpError(400, errorMessages.invalidMultipart)));
    });
    request.pipe(parser);
  });
}
