import { errorMessages, HttpError, type UploadResponse } from '@lab/contract';
import { readUploadedFiles } from '@lab/node-backend';
import type { Request, Response } from 'express';

/** POST /upload: each file part streamed through a hash, nothing buffered, nothing on disk. */
export function upload(limitBytes: number) {
  return async (req: Request, res: Response<UploadResponse>): Promise<void> => {
    const files = await readUploadedFiles(req, limitBytes);
    if (files.length === 0) throw new HttpError(400, errorMessages.noFile);
    res.json({ files });
  };
}
