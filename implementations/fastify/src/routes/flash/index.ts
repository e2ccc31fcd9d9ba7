// The flash-sale application under /flash, in a context of its own that holds its pg pool, its
// Redis connection and @fastify/compress: sign-up, the product list (plain, and with its count
// three ways), the hot deal list (from PostgreSQL, or cached), buying a deal (four strategies),
// placing an order and the order history (two ways). Logging in is POST /auth/login.
import fastifyCompress from '@fastify/compress';
import {
  buyStrategyNames,
  countedProductPageSchema,
  dealParamsSchema,
  hotDealsSchema,
  orderHistoryQuerySchema,
  orderHistorySchema,
  orderHistoryVariantNames,
  placedOrderSchema,
  placeOrderRequestSchema,
  productCountNames,
  productPageQuerySchema,
  productPageSchema,
  signupRequestSchema,
  signupResponseSchema,
  type CountedProductPage,
  type DealParams,
  type HotDeals,
  type OrderHistory,
  type OrderHistoryQuery,
  type PlacedOrder,
  type PlaceOrderRequest,
  type ProductPage,
  type ProductPageQuery,
  type SignupRequest,
  type SignupResponse,
} from '@lab/contract';
import {
  buyDeal,
  importAccessTokenKey,
  placeOrder,
  selectCountedProductPage,
  selectHotDeals,
  selectHotDealsThroughCache,
  selectOrderHistory,
  selectProductPage,
  signUp,
  type AccessTokenKey,
  type AppOptions,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { postgres } from '../../postgres.js';
import { redis } from '../../redis.js';
import { urlValidatorCompiler } from '../../url-validation.js';
import { errorResponses } from '../database/error-responses.js';
import { requireAccessToken } from './authenticate.js';

type Options = Pick<AppOptions, 'databaseUrl' | 'databasePoolSize' | 'redisUrl' | 'authSecret' | 'cacheTtlSeconds'>;
type TokenOptions = { accessTokenKey: Promise<AccessTokenKey> };

/** POST /flash/signup: a body, so the root's validator, which never coerces. */
const signupRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: SignupRequest; Reply: SignupResponse }>(
    '/flash/signup',
    { schema: { body: signupRequestSchema, response: { 201: signupResponseSchema, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await signUp(app.pg, request.body)),
  );
};

/** The product and deal lists: input in the query string only. */
const catalogueRoutes: FastifyPluginAsync<Pick<Options, 'cacheTtlSeconds'>> = async (app, { cacheTtlSeconds }) => {
  app.setValidatorCompiler(urlValidatorCompiler);
  app.get<{ Querystring: ProductPageQuery; Reply: ProductPage }>(
    '/flash/products',
    { schema: { querystring: productPageQuerySchema, response: { 200: productPageSchema, ...errorResponses } } },
    async (request) => selectProductPage(app.pg, request.query),
  );
  for (const count of productCountNames) {
    app.get<{ Querystring: ProductPageQuery; Reply: CountedProductPage }>(
      `/flash/products/${count}-count`,
      {
        schema: { querystring: productPageQuerySchema, response: { 200: countedProductPageSchema, ...errorResponses } },
      },
      async (request) => selectCountedProductPage(app.pg, app.redis, count, request.query, cacheTtlSeconds),
    );
  }
  const dealsSchema = { schema: { response: { 200: hotDealsSchema, ...errorResponses } } };
  app.get<{ Reply: HotDeals }>('/flash/deals', dealsSchema, async () => selectHotDeals(app.pg));
  app.get<{ Reply: HotDeals }>('/flash/deals/cached', dealsSchema, async () =>
    selectHotDealsThroughCache(app.pg, app.redis, cacheTtlSeconds),
  );
};

/** Buying a deal, behind the access token; the deal's id in the path. */
const buyRoutes: FastifyPluginAsync<TokenOptions> = async (app, { accessTokenKey }) => {
  requireAccessToken(app, accessTokenKey);
  app.setValidatorCompiler(urlValidatorCompiler);
  for (const strategy of buyStrategyNames) {
    app.post<{ Params: DealParams; Reply: PlacedOrder }>(
      `/flash/deals/:id/buy/${strategy}`,
      { schema: { params: dealParamsSchema, response: { 201: placedOrderSchema, ...errorResponses } } },
      async (request, reply) =>
        reply.code(201).send(await buyDeal(app.pg, app.redis, strategy, request.params.id, request.userId!)),
    );
  }
};

/** Placing an order, behind the access token: a body, so the root's validator. */
const placeOrderRoutes: FastifyPluginAsync<TokenOptions> = async (app, { accessTokenKey }) => {
  requireAccessToken(app, accessTokenKey);
  app.post<{ Body: PlaceOrderRequest; Reply: PlacedOrder }>(
    '/flash/orders',
    { schema: { body: placeOrderRequestSchema, response: { 201: placedOrderSchema, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await placeOrder(app.pg, request.userId!, request.body)),
  );
};

/** The signed-in user's order history, behind the access token; input in the query string. */
const historyRoutes: FastifyPluginAsync<TokenOptions> = async (app, { accessTokenKey }) => {
  requireAccessToken(app, accessTokenKey);
  app.setValidatorCompiler(urlValidatorCompiler);
  for (const variant of orderHistoryVariantNames) {
    app.get<{ Querystring: OrderHistoryQuery; Reply: OrderHistory }>(
      `/flash/orders/history/${variant}`,
      { schema: { querystring: orderHistoryQuerySchema, response: { 200: orderHistorySchema, ...errorResponses } } },
      async (request) => selectOrderHistory(app.pg, variant, request.userId!, request.query),
    );
  }
};

export const flashRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(postgres, options);
  await app.register(redis, options);
  // Fastify's own compression plugin, for this context only: a body of 1 kB or more is
  // compressed for a client that accepts it; gzip and deflate, as Express's middleware offers.
  await app.register(fastifyCompress, { encodings: ['gzip', 'deflate'] });
  const accessTokenKey = importAccessTokenKey(options.authSecret);
  app.register(signupRoutes);
  app.register(catalogueRoutes, options);
  app.register(buyRoutes, { accessTokenKey });
  app.register(placeOrderRoutes, { accessTokenKey });
  app.register(historyRoutes, { accessTokenKey });
};
