package lab

import io.undertow.servlet.handlers.ServletRequestContext
import io.undertow.util.Headers
import jakarta.servlet.http.HttpServletRequest
import jakarta.servlet.http.HttpServletResponse
import org.springframework.web.HttpRequestMethodNotSupportedException
import org.springframework.web.bind.annotation.ExceptionHandler
import org.springframework.web.bind.annotation.RestControllerAdvice
import org.springframework.web.servlet.NoHandlerFoundException
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.net.URLDecoder
import java.nio.charset.StandardCharsets.UTF_8

/** An error that knows its status, the contract's message and any headers its answer needs. */
class HttpError(val status: Int, message: String, val headers: Map<String, String> = emptyMap()) :
    RuntimeException(message, null, false, false)

/** The contract's messages (implementations/contract/src/errors.ts). */
object Messages {
    const val BODY_LIMIT_BYTES = 1024 * 1024
    const val invalidJson = "body is not valid JSON"
    const val emptyJsonBody = "body must not be empty when content-type is application/json"
    const val bodyTooLarge = "body must not be larger than $BODY_LIMIT_BYTES bytes"
    const val unsupportedMediaType = "content-type must be application/json"
    fun routeNotFound(method: String, url: String) = "route $method $url does not exist"
    const val internal = "internal server error"
    const val upstreamUnreachable = "upstream could not be reached"
    fun upstreamStatus(status: Int) = "upstream answered with status $status"
    const val upstreamInvalidBody = "upstream answered with a body that is not a quote"
    fun upstreamTimeout(timeoutMs: Int) = "upstream did not answer within $timeoutMs ms"
    const val missingAuthorization = "authorization header is required"
    const val notBearer = "authorization scheme must be Bearer"
    const val malformedToken = "bearer token is malformed"
    const val invalidSignature = "bearer token signature is invalid"
    const val notMultipart = "content-type must be multipart/form-data"
    const val invalidMultipart = "body is not valid multipart/form-data"
    const val noFile = "body must contain at least one file"
    fun fileTooLarge(limitBytes: Long) = "file must not be larger than $limitBytes bytes"
    const val UPLOAD_PARTS_LIMIT = 1000
    const val tooManyParts = "body must not have more than $UPLOAD_PARTS_LIMIT parts"
    const val reservedPartName = "body must not have a part named after an Object.prototype property"
    fun userNotFound(id: Long) = "user $id does not exist"
    fun emailTaken(email: String) = "email $email is already taken"
    const val poolExhausted = "no database connection was free in time: the pool is exhausted, try again"
    const val databaseBusy = "the database did not accept a new connection in time, try again"
    const val databaseUnavailable = "the database is unavailable, try again"
}

private val reasons = mapOf(
    400 to "Bad Request", 401 to "Unauthorized", 404 to "Not Found", 409 to "Conflict", 413 to "Payload Too Large",
    415 to "Unsupported Media Type", 500 to "Internal Server Error", 502 to "Bad Gateway", 503 to "Service Unavailable",
    504 to "Gateway Timeout",
)

object Reply {
    /** Written as Node's frameworks write it, content type included, byte for byte. */
    const val JSON_TYPE = "application/json; charset=utf-8"

    fun json(response: HttpServletResponse, status: Int, body: Any?, headers: Map<String, String> = emptyMap()) {
        val bytes = Json.write(body).toByteArray(UTF_8)
        response.status = status
        for ((name, value) in headers) response.setHeader(name, value)
        // The servlet API rebuilds a content type with a charset as `type;charset=x`; Undertow's own
        // exchange keeps the header as it is given.
        val exchange = ServletRequestContext.current()?.exchange
        if (exchange != null) exchange.responseHeaders.put(Headers.CONTENT_TYPE, JSON_TYPE) else response.setHeader("Content-Type", JSON_TYPE)
        response.setContentLength(bytes.size)
        response.outputStream.write(bytes)
    }

    fun error(response: HttpServletResponse, status: Int, message: String, headers: Map<String, String> = emptyMap()) =
        json(response, status, obj("statusCode" to status, "error" to (reasons[status] ?: "Error"), "message" to message), headers)
}

/** The URL as Node sees it: the path and query as they came. */
fun HttpServletRequest.rawUrl(): String = requestURI + (queryString?.let { "?$it" } ?: "")

/**
 * The query string as fast-querystring reads it (Fastify's parser): `+` is a space, a key given
 * twice is a list of its values.
 */
fun HttpServletRequest.queryObject(): MutableMap<String, Any?> {
    val result = LinkedHashMap<String, Any?>()
    val query = queryString ?: return result
    for (pair in query.split('&')) {
        if (pair.isEmpty()) continue
        val equals = pair.indexOf('=')
        val key = decode(if (equals < 0) pair else pair.substring(0, equals))
        val value = if (equals < 0) "" else decode(pair.substring(equals + 1))
        when (val existing = result[key]) {
            null -> result[key] = value
            is MutableList<*> -> @Suppress("UNCHECKED_CAST") (existing as MutableList<Any?>).add(value)
            else -> result[key] = mutableListOf<Any?>(existing, value)
        }
    }
    return result
}

private fun decode(text: String): String = try {
    URLDecoder.decode(text, UTF_8)
} catch (error: IllegalArgumentException) {
    text
}

fun validateQuery(request: HttpServletRequest, schema: Schema): Map<String, Any?> = try {
    @Suppress("UNCHECKED_CAST")
    Validator.check(schema, request.queryObject(), "querystring", coerce = true) as Map<String, Any?>
} catch (error: SchemaError) {
    throw HttpError(400, error.message!!)
}

fun validateParam(name: String, value: String): Double = try {
    @Suppress("UNCHECKED_CAST")
    val params = Validator.check(Schemas.userParams, mutableMapOf<String, Any?>(name to value), "params", coerce = true) as Map<String, Any?>
    params[name] as Double
} catch (error: SchemaError) {
    throw HttpError(400, error.message!!)
}

/**
 * A JSON body as Fastify reads one: 415 unless the content type is application/json, 413 past
 * 1 MiB, 400 for an empty or malformed body; a request without a body (and without a content type)
 * has the body `null`, which the schema then refuses.
 */
fun readJsonBody(request: HttpServletRequest, schema: Schema): Any? {
    val contentType = request.contentType
    if (contentType == null) {
        val hasBody = request.getHeader("transfer-encoding") != null || (request.contentLengthLong > 0)
        if (hasBody) throw HttpError(415, Messages.unsupportedMediaType)
        return validateBody(schema, null)
    }
    if (mediaType(contentType) != "application/json") throw HttpError(415, Messages.unsupportedMediaType)
    if (request.contentLengthLong > Messages.BODY_LIMIT_BYTES) throw HttpError(413, Messages.bodyTooLarge)
    val bytes = readLimited(request.inputStream, Messages.BODY_LIMIT_BYTES)
    if (bytes.size() == 0) throw HttpError(400, Messages.emptyJsonBody)
    val value = try {
        Json.parse(bytes.buffer(), bytes.size())
    } catch (error: Json.InvalidJson) {
        throw HttpError(400, Messages.invalidJson)
    }
    return validateBody(schema, value)
}

private fun validateBody(schema: Schema, value: Any?): Any? = try {
    Validator.check(schema, value, "body")
} catch (error: SchemaError) {
    throw HttpError(400, error.message!!)
}

fun mediaType(contentType: String): String = contentType.substringBefore(';').trim().lowercase()

class Buffer(size: Int) : ByteArrayOutputStream(size) {
    fun buffer(): ByteArray = buf
}

private fun readLimited(input: InputStream, limit: Int): Buffer {
    val out = Buffer(8192)
    val chunk = ByteArray(16384)
    while (true) {
        val read = input.read(chunk)
        if (read < 0) break
        if (out.size() + read > limit) throw HttpError(413, Messages.bodyTooLarge)
        out.write(chunk, 0, read)
    }
    return out
}

@RestControllerAdvice
class ErrorAnswers {
    @ExceptionHandler(HttpError::class)
    fun contract(error: HttpError, response: HttpServletResponse) = Reply.error(response, error.status, error.message!!, error.headers)

    @ExceptionHandler(NoHandlerFoundException::class, HttpRequestMethodNotSupportedException::class)
    fun notFound(request: HttpServletRequest, response: HttpServletResponse) =
        Reply.error(response, 404, Messages.routeNotFound(request.method, request.rawUrl()))

    @ExceptionHandler(Exception::class)
    fun unexpected(error: Exception, response: HttpServletResponse) {
        val retryable = Database.retryable(error)
        if (retryable != null) return Reply.error(response, retryable.status, retryable.message!!, retryable.headers)
        System.err.println("$NAME: unexpected failure: $error")
        error.printStackTrace()
        Reply.error(response, 500, Messages.internal)
    }
}
