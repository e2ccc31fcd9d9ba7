/**
 * A JSON body `{ items: [...] }` of 1 to `maxItems` objects, each with exactly the given fields:
 * the shape of every request that writes many rows at once (bulk rows, keyed products, an order's
 * items). `as const` all through, so that json-schema-to-ts derives the body's type from it.
 */
export function itemsBodySchema<const MaxItems extends number, const Required extends readonly string[], const Properties extends Record<string, unknown>>(
  maxItems: MaxItems,
  required: Required,
  properties: Properties,
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        minItems: 1,
        maxItems,
        items: { type: 'object', additionalProperties: false, required, properties },
      },
    },
  } as const;
}
