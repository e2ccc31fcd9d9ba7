// As implementations/fastify/src/routes/upload.ts reads an upload, on Fastify's request.
import { errorMessages, HttpError, type UploadedFile } from '@lab/contract';
import { digestFile, discardRequestBody, uploadedFile } from '@lab/node-backend';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MultipartReader } from './multipart-reader.js';

type FileStream = MultipartFile['file'];

/**
 * Over the limit, busboy marks the stream truncated and skips the rest of the part, however long
 * it is. Failing the stream there and then makes the 413 go out at once; the limit may have been
 * reached already, before the part was handed over.
 */
function failWhenTruncated(file: FileStream, error: HttpError): void {
  if (file.truncated) file.destroy(error);
  else file.once('limit', () => file.destroy(error));
}

// Only the body is read in readFiles, so whatever else fails there is the body's fault.
function toUploadError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_PARTS_LIMIT') return new HttpError(413, errorMessages.tooManyParts);
  if (code === 'FST_PROTO_VIOLATION') return new HttpError(400, errorMessages.reservedPartName);
  return new HttpError(400, errorMessages.invalidMultipart);
}

/**
 * On Fastify: @fastify/multipart's part iterator, the plugin registered by Nest's FastifyAdapter
 * (its `multipart` option, with the limits: createNestApp sets them).
 */
export class FastifyMultipartReader extends MultipartReader {
  constructor(private readonly limitBytes: number) {
    super();
  }

  async readFiles(request: FastifyRequest): Promise<UploadedFile[]> {
    // Fastify runs no content-type parser for a request without a body, so it is not multipart.
    if (!request.isMultipart()) return [];
    const files: UploadedFile[] = [];
    try {
      for await (const part of request.files()) {
        failWhenTruncated(part.file, new HttpError(413, errorMessages.fileTooLarge(this.limitBytes)));
        const digest = await digestFile(part.file);
        files.push(uploadedFile(part.fieldname, part.filename, digest));
      }
    } catch (error) {
      discardRequestBody(request.raw);
      throw toUploadError(error);
    }
    return files;
  }
}
