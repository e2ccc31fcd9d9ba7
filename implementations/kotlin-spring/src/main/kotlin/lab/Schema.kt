package lab

/**
 * The contract's JSON Schemas (implementations/contract/src/schemas.ts), checked the way ajv
 * checks them with the contract's options (allErrors off: the first error only), with ajv's
 * messages formatted as formatSchemaErrors() does: `body/customer/email must be string`.
 * Keywords run in ajv's order: type, then for an object required, additionalProperties and each
 * property in the schema's order; for a string maxLength, minLength, pattern; for a number
 * maximum, minimum; for an array maxItems, minItems, items.
 */
sealed class Schema {
    class Obj(
        val properties: List<Pair<String, Schema>>,
        val required: List<String> = emptyList(),
        /** false: no other properties; a schema: what every other property must be. */
        val additional: Schema? = null,
        val closed: Boolean = true,
    ) : Schema()

    class Str(val minLength: Int? = null, val maxLength: Int? = null, val pattern: String? = null, val regex: Regex? = null) : Schema()
    class Integer(val minimum: Double? = null, val maximum: Double? = null, val default: Double? = null) : Schema()
    class Num(val minimum: Double? = null, val maximum: Double? = null) : Schema()
    class Arr(val items: Schema, val minItems: Int? = null, val maxItems: Int? = null) : Schema()
    class Bool : Schema()
}

class SchemaError(message: String) : Exception(message, null, false, false)

object Validator {
    /**
     * Checks `value` (in place: defaults are filled in, and with `coerce` query strings are turned
     * into the integers asked for, as ajv's coerceTypes does) and throws the first error.
     */
    fun check(schema: Schema, value: Any?, dataVar: String, coerce: Boolean = false): Any? =
        validate(schema, value, dataVar, coerce)

    private fun fail(path: String, message: String): Nothing = throw SchemaError("$path $message")

    private fun pointer(key: String) = "/" + key.replace("~", "~0").replace("/", "~1")

    private fun formatLimit(value: Double): String = StringBuilder().also { Json.number(it, value) }.toString()

    private fun validate(schema: Schema, value: Any?, path: String, coerce: Boolean): Any? {
        when (schema) {
            is Schema.Obj -> {
                if (value !is MutableMap<*, *>) fail(path, "must be object")
                @Suppress("UNCHECKED_CAST")
                val map = value as MutableMap<String, Any?>
                for ((name, property) in schema.properties) {
                    if (property is Schema.Integer && property.default != null && !map.containsKey(name)) map[name] = property.default
                }
                for (name in schema.required) if (!map.containsKey(name)) fail(path, "must have required property '$name'")
                val known = schema.properties.mapTo(HashSet()) { it.first }
                for (key in map.keys.toList()) {
                    if (key in known) continue
                    val additional = schema.additional
                    if (additional != null) map[key] = validate(additional, map[key], path + pointer(key), coerce)
                    else if (schema.closed) fail(path, "must NOT have additional properties: '$key'")
                }
                for ((name, property) in schema.properties) {
                    if (map.containsKey(name)) map[name] = validate(property, map[name], path + pointer(name), coerce)
                }
                return map
            }
            is Schema.Str -> {
                if (value !is String) fail(path, "must be string")
                val length = value.codePointCount(0, value.length)
                schema.maxLength?.let { if (length > it) fail(path, "must NOT have more than $it characters") }
                schema.minLength?.let { if (length < it) fail(path, "must NOT have fewer than $it characters") }
                if (schema.regex != null && !schema.regex.containsMatchIn(value)) fail(path, "must match pattern \"${schema.pattern}\"")
                return value
            }
            is Schema.Integer -> {
                val number: Double = if (value is Double && value % 1.0 == 0.0 && value.isFinite()) value
                else (if (coerce && value is String) coerceInteger(value) else null) ?: fail(path, "must be integer")
                schema.maximum?.let { if (!(number <= it)) fail(path, "must be <= ${formatLimit(it)}") }
                schema.minimum?.let { if (!(number >= it)) fail(path, "must be >= ${formatLimit(it)}") }
                return number
            }
            is Schema.Num -> {
                if (value !is Double) fail(path, "must be number")
                schema.maximum?.let { if (!(value <= it)) fail(path, "must be <= ${formatLimit(it)}") }
                schema.minimum?.let { if (!(value >= it)) fail(path, "must be >= ${formatLimit(it)}") }
                return value
            }
            is Schema.Bool -> {
                if (value !is Boolean) fail(path, "must be boolean")
                return value
            }
            is Schema.Arr -> {
                if (value !is MutableList<*>) fail(path, "must be array")
                @Suppress("UNCHECKED_CAST")
                val list = value as MutableList<Any?>
                schema.maxItems?.let { if (list.size > it) fail(path, "must NOT have more than $it items") }
                schema.minItems?.let { if (list.size < it) fail(path, "must NOT have fewer than $it items") }
                for (index in list.indices) list[index] = validate(schema.items, list[index], "$path/$index", coerce)
                return list
            }
        }
    }

    /** ajv's coercion of a string to an integer: `s && s == +s && !(s % 1)`, with JavaScript's Number(). */
    private fun coerceInteger(text: String): Double? {
        if (text.isEmpty()) return null
        val number = jsNumber(text)
        if (number.isNaN()) return null
        val remainder = number % 1.0
        return if (remainder.isNaN() || remainder == 0.0) number else null
    }

    private val decimal = Regex("^[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Infinity)$")

    /** JavaScript's Number(string). */
    fun jsNumber(text: String): Double {
        val trimmed = text.trim { it.isWhitespace() || it == '\u00a0' || it == '\ufeff' || it == '\u2028' || it == '\u2029' }
        if (trimmed.isEmpty()) return 0.0
        if (trimmed.length > 2 && trimmed[0] == '0') {
            val radix = when (trimmed[1]) { 'x', 'X' -> 16; 'o', 'O' -> 8; 'b', 'B' -> 2; else -> 0 }
            if (radix != 0) return trimmed.substring(2).toBigIntegerOrNull(radix)?.toDouble() ?: Double.NaN
        }
        if (!decimal.matches(trimmed)) return Double.NaN
        return when (trimmed) {
            "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY
            "-Infinity" -> Double.NEGATIVE_INFINITY
            else -> trimmed.toDouble()
        }
    }
}

/** The contract's schemas, as in implementations/contract/src/schemas.ts. */
object Schemas {
    // JavaScript's \s, for the patterns that use it.
    private const val JS_SPACE = "\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"

    private fun pattern(source: String, java: String) = Schema.Str(pattern = source, regex = Regex(java))

    private val countryCode = pattern("^[A-Z]{2}$", "^[A-Z]{2}(?![\\s\\S])")

    private val address = Schema.Obj(
        listOf(
            "street" to Schema.Str(minLength = 1),
            "city" to Schema.Str(minLength = 1),
            "postcode" to Schema.Str(minLength = 1),
            "country" to countryCode,
        ),
        required = listOf("street", "city", "postcode", "country"),
    )

    private val customer = Schema.Obj(
        listOf(
            "id" to Schema.Integer(minimum = 1.0),
            "name" to Schema.Str(minLength = 1),
            "email" to Schema.Str(minLength = 3),
            "address" to address,
        ),
        required = listOf("id", "name", "email", "address"),
    )

    private val orderItem = Schema.Obj(
        listOf(
            "sku" to Schema.Str(minLength = 1),
            "name" to Schema.Str(minLength = 1),
            "quantity" to Schema.Integer(minimum = 1.0),
            "unitPrice" to Schema.Num(minimum = 0.0),
            "tags" to Schema.Arr(Schema.Str()),
        ),
        required = listOf("sku", "name", "quantity", "unitPrice"),
    )

    val echoRequest = Schema.Obj(
        listOf(
            "id" to Schema.Str(minLength = 1),
            "createdAt" to Schema.Str(minLength = 1),
            "customer" to customer,
            "items" to Schema.Arr(orderItem, minItems = 1, maxItems = 2000),
            "notes" to Schema.Str(),
            "metadata" to Schema.Obj(emptyList(), additional = Schema.Str()),
        ),
        required = listOf("id", "createdAt", "customer", "items"),
    )

    val externalQuery = Schema.Obj(listOf("delayMs" to Schema.Integer(minimum = 0.0, maximum = 10_000.0)))

    val upstreamQuote = Schema.Obj(
        listOf(
            "delayMs" to Schema.Integer(minimum = 0.0, maximum = 10_000.0),
            "quote" to Schema.Obj(
                listOf(
                    "symbol" to Schema.Str(minLength = 1),
                    "price" to Schema.Num(),
                    "currency" to pattern("^[A-Z]{3}$", "^[A-Z]{3}(?![\\s\\S])"),
                ),
                required = listOf("symbol", "price", "currency"),
            ),
        ),
        required = listOf("delayMs", "quote"),
    )

    val protectedQuery = Schema.Obj(
        listOf(
            "page" to Schema.Integer(minimum = 1.0, maximum = 1_000_000.0, default = 1.0),
            "pageSize" to Schema.Integer(minimum = 1.0, maximum = 100.0, default = 20.0),
        ),
    )

    val unauthenticatedItemsQuery = Schema.Obj(
        listOf(
            "userId" to Schema.Integer(minimum = 1.0, maximum = 9007199254740991.0),
            "page" to Schema.Integer(minimum = 1.0, maximum = 1_000_000.0, default = 1.0),
            "pageSize" to Schema.Integer(minimum = 1.0, maximum = 100.0, default = 20.0),
        ),
        required = listOf("userId"),
    )

    val usersQuery = Schema.Obj(listOf("limit" to Schema.Integer(minimum = 1.0, maximum = 100.0, default = 20.0)))

    val userParams = Schema.Obj(
        listOf("id" to Schema.Integer(minimum = 1.0, maximum = 9007199254740991.0)),
        required = listOf("id"),
    )

    val createUserRequest = Schema.Obj(
        listOf(
            "email" to Schema.Str(
                minLength = 3,
                maxLength = 254,
                pattern = "^[^@\\s]+@[^@\\s]+$",
                regex = Regex("^[^@$JS_SPACE]+@[^@$JS_SPACE]+(?![\\s\\S])"),
            ),
            "name" to Schema.Str(minLength = 1, maxLength = 100),
            "country" to countryCode,
        ),
        required = listOf("email", "name", "country"),
    )

    val loginRequest = Schema.Obj(
        listOf(
            "email" to Schema.Str(minLength = 3, maxLength = 254),
            "password" to Schema.Str(minLength = 1, maxLength = 1024),
        ),
        required = listOf("email", "password"),
    )
}
