// The flash-sale application (SCENARIOS.md, "Flash sale"): its requests, answers and messages.
// Sign-up here; logging in is POST /auth/login of scenario 17, which a signed-up user passes.
import type { FromSchema } from 'json-schema-to-ts';
import { createUserRequestSchema, userSchema } from '../schemas.js';
import { itemsBodySchema } from '../scenarios/items-body.js';
import { maxInt4 } from '../scenarios/page-limits.js';

/** The rows fixtures/seed-flash-sale.ts writes, which the routes' bounds and the suites rely on. */
export const flashSeed = {
  products: 1_000_000,
  deals: 1_000,
  /** Every deal's stock as seeded and as a reset puts it back. */
  dealStock: 10,
  /** Login users 1..20 have this many orders each (the order history scenario). */
  ordersPerUser: 50,
  usersWithOrders: 20,
} as const;

/** The most products one page (or one order) holds. */
export const maxFlashPageLimit = 100;
/** The deepest page of the product list: pagination past it is not what the COUNT scenario is about. */
export const maxFlashPage = 10_000;

export const flashMessages = {
  dealNotFound: (id: number) => `deal ${id} does not exist`,
  soldOut: (id: number) => `deal ${id} is sold out`,
  productsNotFound: (ids: readonly number[]) => `products ${ids.join(', ')} do not exist`,
  duplicateProduct: (id: number) => `product ${id} is listed more than once`,
} as const;

const idProperty = { type: 'integer', minimum: 1, maximum: maxInt4 } as const;

/** POST /flash/signup: a new user with a password, who can then log in at POST /auth/login. */
export const signupRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'name', 'country', 'password'],
  properties: {
    ...createUserRequestSchema.properties,
    // At least 8 characters; bounded, since the whole of it goes through the KDF.
    password: { type: 'string', minLength: 8, maxLength: 1024 },
  },
} as const;

/** POST /flash/signup answers 201 with the user as stored (as GET /users/:id shows it); never the password or its hash. */
export const signupResponseSchema = userSchema;

export const flashProductSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'category', 'description', 'priceCents'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string' },
    category: { type: 'string' },
    description: { type: 'string' },
    priceCents: { type: 'integer', minimum: 1 },
  },
} as const;

/** GET /flash/products and /flash/products/<count>-count: page P of L products by id. */
export const productPageQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: maxFlashPage, default: 1 },
    limit: { type: 'integer', minimum: 1, maximum: maxFlashPageLimit, default: 20 },
  },
} as const;

export const productPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['page', 'limit', 'products'],
  properties: {
    page: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1 },
    products: { type: 'array', maxItems: maxFlashPageLimit, items: flashProductSchema },
  },
} as const;

export const productCountNames = ['exact', 'estimated', 'cached'] as const;
export type ProductCountName = (typeof productCountNames)[number];

/** A page with the number of products and pages, counted the variant's way (`count` says which). */
export const countedProductPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['page', 'limit', 'count', 'total', 'pages', 'products'],
  properties: {
    page: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1 },
    count: { type: 'string', enum: productCountNames },
    total: { type: 'integer', minimum: 0 },
    pages: { type: 'integer', minimum: 0 },
    products: { type: 'array', maxItems: maxFlashPageLimit, items: flashProductSchema },
  },
} as const;

export const hotDealSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'productId', 'name', 'category', 'priceCents', 'originalPriceCents', 'stock', 'endsAt'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    productId: { type: 'integer', minimum: 1 },
    name: { type: 'string' },
    category: { type: 'string' },
    priceCents: { type: 'integer', minimum: 1 },
    originalPriceCents: { type: 'integer', minimum: 1 },
    // As of the read; the cached list shows it as of the warm-up (see deals.ts).
    stock: { type: 'integer', minimum: 0 },
    endsAt: { type: 'string' },
  },
} as const;

/** GET /flash/deals and /flash/deals/cached: the deals on sale now, the soonest to end first. */
export const hotDealsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['deals'],
  properties: { deals: { type: 'array', items: hotDealSchema } },
} as const;

/** POST /flash/deals/:id/buy/<strategy>: the deal's id. */
export const dealParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: idProperty },
} as const;

/** An order placed (201): its id, committed before the answer. */
export const placedOrderSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['orderId', 'userId', 'dealId', 'totalCents'],
  properties: {
    orderId: { type: 'integer', minimum: 1 },
    userId: { type: 'integer', minimum: 1 },
    dealId: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
    totalCents: { type: 'integer', minimum: 0 },
  },
} as const;

/** POST /flash/orders: products and quantities, each product once, bought at the list price. */
export const placeOrderRequestSchema = itemsBodySchema(maxFlashPageLimit, ['productId', 'quantity'], {
  productId: idProperty,
  quantity: { type: 'integer', minimum: 1, maximum: 100 },
});

/** GET /flash/orders/history/<variant>?limit=L: the signed-in user's newest L orders with their items. */
export const orderHistoryQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: maxFlashPageLimit, default: 50 } },
} as const;

const orderItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['productId', 'name', 'quantity', 'priceCents'],
  properties: {
    productId: { type: 'integer', minimum: 1 },
    name: { type: 'string' },
    quantity: { type: 'integer', minimum: 1 },
    priceCents: { type: 'integer', minimum: 1 },
  },
} as const;

export const orderHistorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['orders'],
  properties: {
    orders: {
      type: 'array',
      maxItems: maxFlashPageLimit,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'dealId', 'totalCents', 'createdAt', 'items'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          dealId: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
          totalCents: { type: 'integer', minimum: 0 },
          createdAt: { type: 'string' },
          items: { type: 'array', items: orderItemSchema },
        },
      },
    },
  },
} as const;

export type SignupRequest = FromSchema<typeof signupRequestSchema>;
export type SignupResponse = FromSchema<typeof signupResponseSchema>;
export type FlashProduct = FromSchema<typeof flashProductSchema>;
/** The query after validation, with the schema's defaults filled in. */
export type ProductPageQuery = Required<FromSchema<typeof productPageQuerySchema>>;
export type ProductPage = FromSchema<typeof productPageSchema>;
export type CountedProductPage = FromSchema<typeof countedProductPageSchema>;
export type HotDeal = FromSchema<typeof hotDealSchema>;
export type HotDeals = FromSchema<typeof hotDealsSchema>;
export type DealParams = FromSchema<typeof dealParamsSchema>;
export type PlacedOrder = FromSchema<typeof placedOrderSchema>;
export type PlaceOrderRequest = FromSchema<typeof placeOrderRequestSchema>;
export type OrderHistoryQuery = Required<FromSchema<typeof orderHistoryQuerySchema>>;
export type OrderHistory = FromSchema<typeof orderHistorySchema>;

export const buyStrategyNames = ['row-lock', 'conditional-update', 'redis-lua', 'unsafe'] as const;
export type BuyStrategyName = (typeof buyStrategyNames)[number];

export const orderHistoryVariantNames = ['per-order', 'single-query'] as const;
export type OrderHistoryVariantName = (typeof orderHistoryVariantNames)[number];

export const flashPaths = {
  signup: '/flash/signup',
  products: '/flash/products',
  countedProducts: (count: ProductCountName) => `/flash/products/${count}-count`,
  hotDeals: '/flash/deals',
  hotDealsCached: '/flash/deals/cached',
  buy: (dealId: number, strategy: BuyStrategyName) => `/flash/deals/${dealId}/buy/${strategy}`,
  orders: '/flash/orders',
  orderHistory: (variant: OrderHistoryVariantName) => `/flash/orders/history/${variant}`,
} as const;
