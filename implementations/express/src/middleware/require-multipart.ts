import { errorMessages, HttpError } from '@lab/contract';
import { isMultipartFormData } from '@lab/node-backend';
import type { RequestHandler } from 'express';

/** Answers 415 when a route that takes multipart/form-data is sent another type of body. */
export const requireMultipart: RequestHandler = (req, _res, next) => {
  next(isMultipartFormData(req.headers['content-type']) ? undefined : new HttpError(415, errorMessages.notMultipart));
};
