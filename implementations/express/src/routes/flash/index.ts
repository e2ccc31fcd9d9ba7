// The flash-sale application under /flash (mounted there): sign-up, the product list (plain, and
// with its count three ways), the hot deal list (from PostgreSQL, or cached), buying a deal (four
// strategies), placing an order and the order history (two ways). Logging in is POST /auth/login.
import {
  buyStrategyNames,
  dealParamsSchema,
  orderHistoryQuerySchema,
  orderHistoryVariantNames,
  placeOrderRequestSchema,
  productCountNames,
  productPageQuerySchema,
  signupRequestSchema,
  type DealParams,
  type OrderHistoryQuery,
  type PlaceOrderRequest,
  type ProductPageQuery,
  type SignupRequest,
} from '@lab/contract';
import {
  buyDeal,
  placeOrder,
  selectCountedProductPage,
  selectHotDeals,
  selectHotDealsThroughCache,
  selectOrderHistory,
  selectProductPage,
  signUp,
  type AccessTokenKey,
  type DatabasePool,
  type RedisClient,
} from '@lab/node-backend';
import compression from 'compression';
import { Router, type Request, type Response } from 'express';
import { authenticateJwt } from '../../middleware/authenticate-bearer.js';
import { parseJson } from '../../middleware/parse-json.js';
import { requireJson } from '../../middleware/require-json.js';
import { validateBody } from '../../middleware/validate-body.js';
import { validateParams, validateQuery } from '../../middleware/validate-url.js';

export interface FlashDependencies {
  pool: DatabasePool;
  redis: RedisClient;
  /** Imported once when the app is made; WebCrypto imports keys asynchronously. */
  accessTokenKey: Promise<AccessTokenKey>;
  /** How long the hot deal list and the product count stay cached. */
  cacheTtlSeconds: number;
}

type Locals<T extends Record<string, unknown>> = Response<unknown, T>;

export function flashRoutes({ pool, redis, accessTokenKey, cacheTtlSeconds }: FlashDependencies): Router {
  const router = Router({ caseSensitive: true, strict: true });
  // Express's own compression middleware: a body of 1 kB or more is compressed for a client
  // that accepts it (the gzip scenario's 100 products); smaller ones go as they are.
  router.use(compression());
  const authenticate = authenticateJwt(accessTokenKey);

  router.post(
    '/signup',
    parseJson,
    requireJson,
    validateBody(signupRequestSchema),
    async (req: Request<object, unknown, SignupRequest>, res: Response) => {
      res.status(201).json(await signUp(pool, req.body));
    },
  );

  router.get(
    '/products',
    validateQuery(productPageQuerySchema),
    async (_req: Request, res: Locals<{ query: ProductPageQuery }>) => {
      res.json(await selectProductPage(pool, res.locals.query));
    },
  );
  for (const count of productCountNames) {
    router.get(
      `/products/${count}-count`,
      validateQuery(productPageQuerySchema),
      async (_req: Request, res: Locals<{ query: ProductPageQuery }>) => {
        res.json(await selectCountedProductPage(pool, redis, count, res.locals.query, cacheTtlSeconds));
      },
    );
  }

  router.get('/deals', async (_req: Request, res: Response) => {
    res.json(await selectHotDeals(pool));
  });
  router.get('/deals/cached', async (_req: Request, res: Response) => {
    res.json(await selectHotDealsThroughCache(pool, redis, cacheTtlSeconds));
  });

  // Authentication first, as Fastify's onRequest hook comes before the content type and the
  // validation. The POST takes no body; one that is not JSON is a 415, as for every POST.
  for (const strategy of buyStrategyNames) {
    router.post(
      `/deals/:id/buy/${strategy}`,
      authenticate,
      requireJson,
      validateParams(dealParamsSchema),
      async (_req: Request, res: Locals<{ userId: number; params: DealParams }>) => {
        res.status(201).json(await buyDeal(pool, redis, strategy, res.locals.params.id, res.locals.userId));
      },
    );
  }

  router.post(
    '/orders',
    authenticate,
    parseJson,
    requireJson,
    validateBody(placeOrderRequestSchema),
    async (req: Request<object, unknown, PlaceOrderRequest>, res: Locals<{ userId: number }>) => {
      res.status(201).json(await placeOrder(pool, res.locals.userId, req.body));
    },
  );

  for (const variant of orderHistoryVariantNames) {
    router.get(
      `/orders/history/${variant}`,
      authenticate,
      validateQuery(orderHistoryQuerySchema),
      async (_req: Request, res: Locals<{ userId: number; query: OrderHistoryQuery }>) => {
        res.json(await selectOrderHistory(pool, variant, res.locals.userId, res.locals.query));
      },
    );
  }
  return router;
}
