import { errorMessages, HttpError, type UploadResponse } from '@lab/contract';
import { type AppOptions } from '@lab/node-backend';
import {
  Controller,
  HttpCode,
  Module,
  Post,
  Req,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_OPTIONS, PLATFORM } from '../infrastructure/tokens.js';
import type { Platform } from '../platform.js';
import { BusboyMultipartReader } from './busboy-multipart-reader.js';
import { FastifyMultipartReader } from './fastify-multipart-reader.js';
import { MultipartReader } from './multipart-reader.js';
import { RequireMultipartMiddleware } from './require-multipart.middleware.js';

@Controller('upload')
export class UploadController {
  constructor(private readonly reader: MultipartReader) {}

  /**
   * Each file part streamed through a hash, nothing buffered, nothing on disk. Not Nest's
   * FileInterceptor: on Express it is multer, which holds each file in memory or on disk, and
   * Fastify's FileStreamInterceptor hands over one file of one named field only.
   */
  @Post()
  @HttpCode(200)
  async upload(@Req() request: unknown): Promise<UploadResponse> {
    const files = await this.reader.readFiles(request);
    if (files.length === 0) throw new HttpError(400, errorMessages.noFile);
    return { files };
  }
}

/** Scenario 07. */
@Module({
  controllers: [UploadController],
  providers: [
    {
      provide: MultipartReader,
      useFactory: (platform: Platform, { uploadLimitBytes }: AppOptions): MultipartReader =>
        platform === 'fastify'
          ? new FastifyMultipartReader(uploadLimitBytes)
          : new BusboyMultipartReader(uploadLimitBytes),
      inject: [PLATFORM, APP_OPTIONS],
    },
  ],
})
export class UploadModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequireMultipartMiddleware).forRoutes({ path: 'upload', method: RequestMethod.POST });
  }
}
