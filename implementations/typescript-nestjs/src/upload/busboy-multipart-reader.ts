import type { UploadedFile } from '@lab/contract';
import { readUploadedFiles } from '@lab/node-backend';
import type { IncomingMessage } from 'node:http';
import { MultipartReader } from './multipart-reader.js';

/** On Express: busboy over the request stream, which no body parser has touched (as express reads uploads). */
export class BusboyMultipartReader extends MultipartReader {
  constructor(private readonly limitBytes: number) {
    super();
  }

  readFiles(request: IncomingMessage): Promise<UploadedFile[]> {
    return readUploadedFiles(request, this.limitBytes);
  }
}
