import {
  errorMessages,
  errorResponseSchema,
  HttpError,
  uploadPartsLimit,
  uploadResponseSchema,
  type UploadedFile,
  type UploadResponse,
} from '@lab/contract';
import { digestFile, discardRequestBody, isMultipartFormData, uploadedFile, type AppOptions } from '@lab/node-backend';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

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

async function readFiles(request: FastifyRequest, limitBytes: number): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for await (const part of request.files()) {
    failWhenTruncated(part.file, new HttpError(413, errorMessages.fileTooLarge(limitBytes)));
    const digest = await digestFile(part.file);
    files.push(uploadedFile(part.fieldname, part.filename, digest));
  }
  if (files.length === 0) throw new HttpError(400, errorMessages.noFile);
  return files;
}

// Only the body is read in readFiles, so whatever else fails there is the body's fault.
function toUploadError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_PARTS_LIMIT') return new HttpError(413, errorMessages.tooManyParts);
  if (code === 'FST_PROTO_VIOLATION') return new HttpError(400, errorMessages.reservedPartName);
  return new HttpError(400, errorMessages.invalidMultipart);
}

/** POST /upload: each file part streamed through a hash, nothing buffered, nothing on disk. */
export const uploadRoutes: FastifyPluginAsync<Pick<AppOptions, 'uploadLimitBytes'>> = async (
  app,
  { uploadLimitBytes },
) => {
  // Registered in this plugin, the multipart parser exists for this route only.
  await app.register(multipart, {
    limits: { fileSize: uploadLimitBytes, parts: uploadPartsLimit },
    // readFiles answers the 'limit' event itself; the plugin would only report it after the body.
    throwFileSizeLimit: false,
    // busboy's rule, which Express's parser applies: a part with an empty filename is a field.
    isPartAFile: (_field, contentType, filename) => contentType === 'application/octet-stream' || Boolean(filename),
  });

  // Before any parser runs, so a body of another type is refused unread.
  app.addHook('onRequest', async (request) => {
    if (!isMultipartFormData(request.headers['content-type'])) throw new HttpError(415, errorMessages.notMultipart);
  });

  app.post<{ Reply: UploadResponse }>(
    '/upload',
    { schema: { response: { 200: uploadResponseSchema, '4xx': errorResponseSchema } } },
    async (request) => {
      // Fastify runs no content-type parser for a request without a body, so it is not multipart.
      if (!request.isMultipart()) throw new HttpError(400, errorMessages.noFile);
      try {
        return { files: await readFiles(request, uploadLimitBytes) };
      } catch (error) {
        discardRequestBody(request.raw);
        throw toUploadError(error);
      }
    },
  );
};
