import type { UploadedFile } from '@lab/contract';

/**
 * Reads every file part of a multipart request through the contract's streaming digest, and
 * settles with the files or with the contract's error (413 past a limit, 400 for a broken body)
 * as soon as one is known. Each platform reads a body its own way: busboy on Express's request,
 * @fastify/multipart on Fastify's, so the provider is chosen with the platform.
 */
export abstract class MultipartReader {
  abstract readFiles(request: unknown): Promise<UploadedFile[]>;
}
