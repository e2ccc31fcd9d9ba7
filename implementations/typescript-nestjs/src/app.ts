import { bodyLimitBytes, errorMessages, errorResponse, uploadPartsLimit } from '@lab/contract';
import { type AppOptions } from '@lab/node-backend';
import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import express from 'express';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import { toContractError } from './common/contract-exception.filter.js';
import type { Platform } from './platform.js';

const nestOptions: NestApplicationOptions = {
  // Errors only: no startup banner, no line per mapped route, nothing per request.
  logger: ['error', 'fatal'],
  // Each platform gets the JSON parser the contract needs, and no urlencoded one (see AppModule).
  bodyParser: false,
  // A module that cannot be built rejects, so main.ts can say why and exit 1.
  abortOnError: false,
};

/** An Express instance set up as implementations/express sets its own. */
function contractExpress(): express.Express {
  const instance = express();
  instance.disable('x-powered-by');
  // The contract has no conditional requests; an ETag would hash every body for no client.
  instance.disable('etag');
  // Paths match exactly, as in Fastify: /health/ and /HEALTH are unknown routes. Set before
  // ExpressAdapter touches the app: Express reads them when it makes its router.
  instance.enable('case sensitive routing');
  instance.enable('strict routing');
  return instance;
}

function fastifyAdapter({ uploadLimitBytes }: AppOptions): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: bodyLimitBytes,
    // Fastify's router answers a malformed URL before any hook or handler, so before Nest's
    // exception filters too (the adapter's own handler answers in Fastify's shape): the contract's.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const { statusCode, message } = toContractError(error, () =>
        errorMessages.routeNotFound(request.method, request.url),
      );
      void reply.code(statusCode).send(errorResponse(statusCode, message));
    },
    // The adapter registers @fastify/multipart on the root instance with these options.
    multipart: {
      limits: { fileSize: uploadLimitBytes, parts: uploadPartsLimit },
      // FastifyMultipartReader answers the 'limit' event itself; the plugin would only report it after the body.
      throwFileSizeLimit: false,
      // busboy's rule, which Express's parser applies: a part with an empty filename is a field.
      isPartAFile: (_field, contentType, filename) => contentType === 'application/octet-stream' || Boolean(filename),
    },
  });
}

/** The Nest application on the platform, not yet listening. */
export async function createNestApp(platform: Platform, options: AppOptions): Promise<INestApplication> {
  const module = AppModule.forRoot(platform, options);
  if (platform === 'express') return NestFactory.create(module, new ExpressAdapter(contractExpress()), nestOptions);
  const adapter = fastifyAdapter(options);
  const app = await NestFactory.create(module, adapter, nestOptions);
  // The API speaks JSON only: without this, a text/plain body would reach validation as a string.
  adapter.getInstance().removeContentTypeParser('text/plain');
  return app;
}
