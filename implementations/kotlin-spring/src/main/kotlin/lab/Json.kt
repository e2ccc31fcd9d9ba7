package lab

import com.fasterxml.jackson.core.JsonFactory
import com.fasterxml.jackson.core.JsonParser
import com.fasterxml.jackson.core.JsonToken
import com.fasterxml.jackson.core.StreamReadConstraints
import java.math.BigDecimal
import java.math.MathContext
import java.math.RoundingMode

/**
 * JSON as JavaScript sees it, so that answers are byte for byte those of the Node implementations:
 * objects keep their key order (a repeated key keeps its first place and its last value, as in
 * JSON.parse), every number is a double, and the writer formats numbers and escapes strings as
 * JSON.stringify does.
 */
object Json {
    private val factory: JsonFactory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
        .build()

    class InvalidJson : Exception(null, null, false, false)

    /** Parses one JSON text: Map (LinkedHashMap), List, String, Double, Boolean or null. */
    fun parse(bytes: ByteArray, length: Int = bytes.size): Any? {
        try {
            factory.createParser(bytes, 0, length).use { parser ->
                val token = parser.nextToken() ?: throw InvalidJson()
                val value = read(parser, token)
                if (parser.nextToken() != null) throw InvalidJson()
                return value
            }
        } catch (error: InvalidJson) {
            throw error
        } catch (error: Exception) {
            throw InvalidJson()
        }
    }

    private fun read(parser: JsonParser, token: JsonToken): Any? = when (token) {
        JsonToken.START_OBJECT -> {
            val map = LinkedHashMap<String, Any?>()
            while (true) {
                val next = parser.nextToken()
                if (next == JsonToken.END_OBJECT) break
                val name = parser.currentName()
                map[name] = read(parser, parser.nextToken())
            }
            map
        }
        JsonToken.START_ARRAY -> {
            val list = ArrayList<Any?>()
            while (true) {
                val next = parser.nextToken()
                if (next == JsonToken.END_ARRAY) break
                list.add(read(parser, next))
            }
            list
        }
        JsonToken.VALUE_STRING -> parser.text
        JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT -> parser.valueAsString.toDouble()
        JsonToken.VALUE_TRUE -> true
        JsonToken.VALUE_FALSE -> false
        JsonToken.VALUE_NULL -> null
        else -> throw InvalidJson()
    }

    fun write(value: Any?): String = StringBuilder(256).also { write(it, value) }.toString()

    fun write(out: StringBuilder, value: Any?) {
        when (value) {
            null -> out.append("null")
            is String -> string(out, value)
            is Double -> number(out, value)
            is Int -> out.append(value)
            is Long -> out.append(value)
            is Boolean -> out.append(value)
            is Map<*, *> -> {
                out.append('{')
                var first = true
                for ((key, item) in value) {
                    if (!first) out.append(',')
                    first = false
                    string(out, key as String)
                    out.append(':')
                    write(out, item)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                value.forEachIndexed { index, item ->
                    if (index > 0) out.append(',')
                    write(out, item)
                }
                out.append(']')
            }
            is RawJson -> out.append(value.text)
            else -> throw IllegalArgumentException("cannot write ${value.javaClass} as JSON")
        }
    }

    private const val HEX = "0123456789abcdef"

    /** A string as JSON.stringify writes it: only quotes, backslashes, controls and lone surrogates escaped. */
    fun string(out: StringBuilder, text: String) {
        out.append('"')
        var index = 0
        val length = text.length
        while (index < length) {
            val char = text[index]
            when {
                char == '"' -> out.append("\\\"")
                char == '\\' -> out.append("\\\\")
                char == '\n' -> out.append("\\n")
                char == '\r' -> out.append("\\r")
                char == '\t' -> out.append("\\t")
                char == '\b' -> out.append("\\b")
                char == '\u000c' -> out.append("\\f")
                char < ' ' -> unicodeEscape(out, char)
                Character.isHighSurrogate(char) && index + 1 < length && Character.isLowSurrogate(text[index + 1]) -> {
                    out.append(char).append(text[index + 1])
                    index++
                }
                Character.isSurrogate(char) -> unicodeEscape(out, char)
                else -> out.append(char)
            }
            index++
        }
        out.append('"')
    }

    private fun unicodeEscape(out: StringBuilder, char: Char) {
        val code = char.code
        out.append("\\u").append(HEX[code shr 12 and 15]).append(HEX[code shr 8 and 15]).append(HEX[code shr 4 and 15]).append(HEX[code and 15])
    }

    /** A number as JavaScript's Number#toString writes it (the shortest digits that read back the same). */
    fun number(out: StringBuilder, value: Double) {
        if (value.isNaN() || value.isInfinite()) {
            out.append("null")
            return
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            if (value == 0.0) out.append('0') else out.append(BigDecimal(value).toPlainString())
            return
        }
        var decimal = BigDecimal(value)
        for (precision in 1..17) {
            val rounded = decimal.round(MathContext(precision, RoundingMode.HALF_EVEN))
            if (rounded.toDouble() == value) {
                decimal = rounded
                break
            }
        }
        val negative = decimal.signum() < 0
        val unscaled = decimal.unscaledValue().abs().toString().trimEnd('0').ifEmpty { "0" }
        val digits = unscaled.length
        // value = 0.d1d2...dk × 10^n
        val n = decimal.precision() - decimal.scale() - (decimal.unscaledValue().abs().toString().length - decimal.precision())
        if (negative) out.append('-')
        when {
            n in digits..21 -> out.append(unscaled).append("0".repeat(n - digits))
            n in 1..21 -> out.append(unscaled, 0, n).append('.').append(unscaled, n, digits)
            n in -5..0 -> out.append("0.").append("0".repeat(-n)).append(unscaled)
            else -> {
                val exponent = n - 1
                out.append(unscaled[0])
                if (digits > 1) out.append('.').append(unscaled, 1, digits)
                out.append('e').append(if (exponent >= 0) "+" else "-").append(Math.abs(exponent))
            }
        }
    }
}

/** Text that is already JSON, written as it is. */
class RawJson(val text: String)

/** A JSON object literal in key order. */
fun obj(vararg pairs: Pair<String, Any?>): LinkedHashMap<String, Any?> = linkedMapOf(*pairs)
