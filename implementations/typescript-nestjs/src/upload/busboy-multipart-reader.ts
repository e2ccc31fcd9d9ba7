// As implementations/express/src/routes/upload.ts reads an upload, on Express's request.
import { errorMessages, HttpError, uploadPartsLimit, type UploadedFile } from '@lab/contract';
import { digestFile, discardRequestBody, isReservedPartName, uploadedFile } from '@lab/node-backend';
import busboy, { type Busboy } from 'busboy';
import type { IncomingMessage } from 'node:http';
import { MultipartReader } from './multipart-reader.js';

/** On Express: busboy over the request stream, which no body parser has touched. */
export class BusboyMultipartReader extends MultipartReader {
  constructor(private readonly limitBytes: number) {
    super();
  }

  private createParser(request: IncomingMessage): Busboy {
    try {
      return busboy({
        headers: request.headers,
        // busboy 1 counts reaching a limit as exceeding it (a file of fileSize bytes is truncated,
        // the parts-th part fires partsLimit), while the contract's limits are the most allowed.
        limits: { fileSize: this.limitBytes + 1, parts: uploadPartsLimit + 1 },
        // As @fastify/busboy decodes them: a UTF-8 file name stays readable.
        defParamCharset: 'utf8',
      });
    } catch {
      // No boundary in the content type.
      throw new HttpError(400, errorMessages.invalidMultipart);
    }
  }

  readFiles(request: IncomingMessage): Promise<UploadedFile[]> {
    const limitBytes = this.limitBytes;
    return new Promise((resolve, reject) => {
      const parser = this.createParser(request);
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
      // `on`, not `once`: busboy can emit a second error for one broken body, and an 'error'
      // event without a listener ends the process.
      parser.on('error', () =>
        fail(new HttpError(400, sawData ? errorMessages.invalidMultipart : errorMessages.noFile)),
      );
      parser.once('close', () => {
        Promise.all(digests).then(resolve, () => fail(new HttpError(400, errorMessages.invalidMultipart)));
      });
      request.pipe(parser);
    });
  }
}
