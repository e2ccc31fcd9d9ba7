// What POST /upload does with a file, the same in every implementation: stream it through a
// SHA-256 hash and a byte count, one chunk at a time, so that memory stays flat whatever its size.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UploadedFile } from '@lab/contract';

export interface FileDigest {
  bytes: number;
  sha256: string;
}

/** True for a multipart/form-data content type (any parameters, any letter case). */
export function isMultipartFormData(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'multipart/form-data';
}

/**
 * @fastify/multipart refuses a part named after an Object.prototype property ("constructor",
 * "toString", ...), which would shadow it in the object of fields it builds; the contract
 * refuses such a part in every implementation.
 */
export function isReservedPartName(name: string | undefined): boolean {
  return name !== undefined && name in Object.prototype;
}

/** Reads a file part to its end, keeping only the running hash and count. */
export async function digestFile(file: AsyncIterable<Buffer>): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of file) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** A file as the contract reports it; multipart parsers leave absent names undefined. */
export function uploadedFile(
  field: string | undefined,
  filename: string | undefined,
  digest: FileDigest,
): UploadedFile {
  return { field: field ?? '', filename: filename ?? '', ...digest };
}

/**
 * Stops parsing a request body that has been refused, and reads off the rest unparsed. Left
 * unread, the client's upload stalls on a full TCP window; closing the socket under a client
 * that is still sending makes the kernel answer with a reset, which can destroy the error
 * response before the client reads it. So the answer goes out at once, and the rest is drained.
 */
export function discardRequestBody(request: IncomingMessage): void {
  request.unpipe();
  request.resume();
}
