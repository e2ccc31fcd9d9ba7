// The flash-sale application (SCENARIOS.md, "Flash sale"): its requests, answers and messages.
// Sign-up here; logging in is POST /auth/login of scenario 17, which a signed-up user passes.
import type { FromSchema } from 'json-schema-to-ts';
import {
  CountedProductPage,
  DealParams,
  FlashProduct,
  HotDeal,
  HotDeals,
  OrderHistory,
  OrderHistoryQuery,
  PlaceOrderRequest,
  PlacedOrder,
  ProductPage,
  ProductPageQuery,
  SignupRequest,
  User,
} from '../generated/openapi-schemas.js';

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

/** POST /flash/signup: a new user with a password, who can then log in at POST /auth/login. */
export const signupRequestSchema = SignupRequest;

/** POST /flash/signup answers 201 with the user as stored (as GET /users/:id shows it); never the password or its hash. */
export const signupResponseSchema = User;

export const flashProductSchema = FlashProduct;

/** GET /flash/products and /flash/products/<count>-count: page P of L products by id. */
export const productPageQuerySchema = ProductPageQuery;

export const productPageSchema = ProductPage;

export const productCountNames = ['exact', 'estimated', 'cached'] as const;
export type ProductCountName = (typeof productCountNames)[number];

/** A page with the number of products and pages, counted the variant's way (`count` says which). */
export const countedProductPageSchema = CountedProductPage;

export const hotDealSchema = HotDeal;

/** GET /flash/deals and /flash/deals/cached: the deals on sale now, the soonest to end first. */
export const hotDealsSchema = HotDeals;

/** POST /flash/deals/:id/buy/<strategy>: the deal's id. */
export const dealParamsSchema = DealParams;

/** An order placed (201): its id, committed before the answer. */
export const placedOrderSchema = PlacedOrder;

/** POST /flash/orders: products and quantities, each product once, bought at the list price. */
export const placeOrderRequestSchema = PlaceOrderRequest;

/** GET /flash/orders/history/<variant>?limit=L: the signed-in user's newest L orders with their items. */
export const orderHistoryQuerySchema = OrderHistoryQuery;

export const orderHistorySchema = OrderHistory;

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
