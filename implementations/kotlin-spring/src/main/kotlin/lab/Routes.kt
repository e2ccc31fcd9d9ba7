package lab

import jakarta.servlet.http.HttpServletRequest
import jakarta.servlet.http.HttpServletResponse
import org.springframework.stereotype.Component
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RestController
import org.springframework.web.servlet.HandlerInterceptor
import org.springframework.web.servlet.config.annotation.InterceptorRegistry
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer
import java.net.InetAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.MessageDigest
import java.sql.ResultSet
import java.time.Duration
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicLong
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

@RestController
class CommonRoutes(private val config: Config) {
    @GetMapping("/health")
    fun health(response: HttpServletResponse) = Reply.json(response, 200, RawJson("{\"status\":\"ok\"}"))

    /** Scenario 02: the validated order, unchanged. */
    @PostMapping("/echo")
    fun echo(request: HttpServletRequest, response: HttpServletResponse) =
        Reply.json(response, 200, readJsonBody(request, Schemas.echoRequest))

    /** Scenario 06: the page of the user the interceptor authenticated. */
    @GetMapping("/protected")
    fun protectedPage(request: HttpServletRequest, response: HttpServletResponse) {
        val query = validateQuery(request, Schemas.protectedQuery)
        val userId = request.getAttribute(ProtectedChain.USER_ID) as Long
        Reply.json(response, 200, RawJson(pageOfItems(userId, (query["page"] as Double).toLong(), (query["pageSize"] as Double).toInt())))
    }
}

/** The contract's protectedPage(): the user's items, numbered across pages from 1, as JSON. */
fun pageOfItems(userId: Long, page: Long, pageSize: Int): String {
    val firstId = (page - 1) * pageSize + 1
    val out = StringBuilder(64 + pageSize * 48)
    out.append("{\"userId\":").append(userId).append(",\"page\":").append(page).append(",\"pageSize\":").append(pageSize).append(",\"items\":[")
    for (index in 0 until pageSize) {
        val id = firstId + index
        if (index > 0) out.append(',')
        out.append("{\"id\":").append(id).append(",\"title\":\"Item ").append(id).append(" of user ").append(userId).append("\"}")
    }
    return out.append("]}").toString()
}

/**
 * Scenario 06's chain: authentication (preHandle: a refused request goes no further and is not
 * logged), the request log (afterCompletion: one pino-shaped JSON line on standard output once the
 * response is done, whatever its status), validation and the handler.
 */
@Component
class ProtectedChain(private val config: Config) : HandlerInterceptor, WebMvcConfigurer {
    companion object {
        const val USER_ID = "lab.userId"
        private const val STARTED = "lab.started"
        private val tokenPattern = Regex("^v1\\.([1-9][0-9]{0,15})\\.([0-9a-f]{64})$")
    }

    private val hostname: String = try { InetAddress.getLocalHost().hostName } catch (error: Exception) { "localhost" }
    private val pid = ProcessHandle.current().pid()
    private val requests = AtomicLong()
    private val key = SecretKeySpec(config.authSecret.toByteArray(), "HmacSHA256")

    override fun addInterceptors(registry: InterceptorRegistry) {
        registry.addInterceptor(this).addPathPatterns("/protected")
    }

    override fun preHandle(request: HttpServletRequest, response: HttpServletResponse, handler: Any): Boolean {
        request.setAttribute(STARTED, System.nanoTime())
        request.setAttribute(USER_ID, authenticate(request.getHeader("authorization")))
        return true
    }

    private fun unauthorized(message: String) = HttpError(401, message, mapOf("www-authenticate" to "Bearer"))

    /** checkAuthorization() of the contract's auth-token.ts. */
    private fun authenticate(header: String?): Long {
        if (header.isNullOrEmpty()) throw unauthorized(Messages.missingAuthorization)
        val space = header.indexOf(' ')
        val scheme = if (space == -1) header else header.substring(0, space)
        if (!scheme.equals("bearer", ignoreCase = true)) throw unauthorized(Messages.notBearer)
        val token = if (space == -1) "" else header.substring(space + 1).trim()
        val match = tokenPattern.matchEntire(token) ?: throw unauthorized(Messages.malformedToken)
        val userId = match.groupValues[1].toLong()
        if (userId > 9007199254740991L) throw unauthorized(Messages.malformedToken)
        val mac = Mac.getInstance("HmacSHA256").apply { init(key) }
        val expected = mac.doFinal("v1.${match.groupValues[1]}".toByteArray())
        val given = match.groupValues[2].chunked(2).map { it.toInt(16).toByte() }.toByteArray()
        if (!MessageDigest.isEqual(expected, given)) throw unauthorized(Messages.invalidSignature)
        return userId
    }

    override fun afterCompletion(request: HttpServletRequest, response: HttpServletResponse, handler: Any, ex: Exception?) {
        val userId = request.getAttribute(USER_ID) as Long? ?: return
        val started = request.getAttribute(STARTED) as Long
        val line = obj(
            "level" to 30,
            "time" to System.currentTimeMillis(),
            "pid" to pid,
            "hostname" to hostname,
            "reqId" to "req-${requests.incrementAndGet().toString(36)}",
            "method" to request.method,
            "url" to request.rawUrl(),
            "statusCode" to response.status,
            "responseTime" to (System.nanoTime() - started) / 1e6,
            "userId" to userId,
            "msg" to "request completed",
        )
        val text = Json.write(line) + "\n"
        synchronized(System.out) {
            System.out.print(text)
            System.out.flush()
        }
    }
}

/** Scenarios 03 and 04: the /users routes, on the statements of implementations/sql/users.sql. */
@RestController
class UserRoutes(private val database: Database) {
    private val list = database.sql("user_list")
    private val byId = database.sql("user_by_id")
    private val insert = database.sql("user_insert")

    @GetMapping("/users")
    fun users(request: HttpServletRequest, response: HttpServletResponse) {
        val limit = (validateQuery(request, Schemas.usersQuery)["limit"] as Double).toInt()
        val users = database.withConnection { connection ->
            connection.prepareStatement(list).use { statement ->
                statement.setInt(1, limit)
                statement.executeQuery().use { rows -> buildList { while (rows.next()) add(user(rows)) } }
            }
        }
        Reply.json(response, 200, obj("users" to users))
    }

    @GetMapping("/users/{id}")
    fun user(@PathVariable("id") raw: String, response: HttpServletResponse) {
        val id = validateParam("id", raw).toLong()
        val user = database.withConnection { connection ->
            connection.prepareStatement(byId).use { statement ->
                statement.setLong(1, id)
                statement.executeQuery().use { rows -> if (rows.next()) user(rows) else null }
            }
        } ?: throw HttpError(404, Messages.userNotFound(id))
        Reply.json(response, 200, user)
    }

    @PostMapping("/users")
    fun create(request: HttpServletRequest, response: HttpServletResponse) {
        @Suppress("UNCHECKED_CAST")
        val body = readJsonBody(request, Schemas.createUserRequest) as Map<String, Any?>
        val email = body["email"] as String
        val user = try {
            database.inTransaction { connection ->
                connection.prepareStatement(insert).use { statement ->
                    statement.setString(1, email)
                    statement.setString(2, body["name"] as String)
                    statement.setString(3, body["country"] as String)
                    statement.executeQuery().use { rows ->
                        rows.next()
                        user(rows)
                    }
                }
            }
        } catch (error: java.sql.SQLException) {
            if (Database.isUniqueViolation(error, "users_email_key")) throw HttpError(409, Messages.emailTaken(email))
            throw error
        }
        Reply.json(response, 201, user, mapOf("location" to "/users/${user["id"]}"))
    }

    private fun user(rows: ResultSet) = obj(
        "id" to rows.getLong(1),
        "email" to rows.getString(2),
        "name" to rows.getString(3),
        "country" to rows.getString(4),
        "createdAt" to isoMillis(rows.getObject(5, OffsetDateTime::class.java)),
    )

    /**
     * Date#toISOString() of the Date that pg makes of the timestamp: pg computes its milliseconds
     * as 1000 * parseFloat(fraction) and the Date drops what is below the millisecond.
     */
    private fun isoMillis(time: OffsetDateTime): String {
        val utc = time.withOffsetSameInstant(ZoneOffset.UTC)
        val micros = utc.nano / 1000
        val millis = if (micros == 0) 0 else Math.floor(1000.0 * ("0." + micros.toString().padStart(6, '0')).toDouble()).toInt()
        val year = utc.year
        val yearText = if (year in 0..9999) year.toString().padStart(4, '0') else (if (year < 0) "-" else "+") + Math.abs(year).toString().padStart(6, '0')
        return String.format(
            "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", yearText, utc.monthValue, utc.dayOfMonth, utc.hour, utc.minute, utc.second, millis,
        )
    }
}

/** Scenario 05: the upstream's quote, through a pooled HTTP/1.1 client with a deadline. */
@RestController
class ExternalRoutes(private val config: Config) {
    private val client: HttpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(config.upstreamTimeoutMs.toLong()))
        .executor(Executors.newFixedThreadPool(4))
        .build()
    private val quoteUrl = config.upstreamUrl.trimEnd('/') + "/quote"

    @GetMapping("/external")
    fun external(request: HttpServletRequest, response: HttpServletResponse) {
        val delayMs = (validateQuery(request, Schemas.externalQuery)["delayMs"] as Double?)?.toLong()
        val uri = URI(if (delayMs == null) quoteUrl else "$quoteUrl?delayMs=$delayMs")
        val started = System.nanoTime()
        val future = client.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
        val answer = try {
            future.get(config.upstreamTimeoutMs.toLong(), TimeUnit.MILLISECONDS)
        } catch (error: TimeoutException) {
            future.cancel(true)
            throw HttpError(504, Messages.upstreamTimeout(config.upstreamTimeoutMs))
        } catch (error: ExecutionException) {
            throw HttpError(502, Messages.upstreamUnreachable)
        }
        if (answer.statusCode() !in 200..299) throw HttpError(502, Messages.upstreamStatus(answer.statusCode()))
        val upstreamMs = (System.nanoTime() - started) / 1e6
        val quote = try {
            @Suppress("UNCHECKED_CAST")
            Validator.check(Schemas.upstreamQuote, Json.parse(answer.body()), "upstream") as Map<String, Any?>
        } catch (error: Exception) {
            throw HttpError(502, Messages.upstreamInvalidBody)
        }
        @Suppress("UNCHECKED_CAST")
        val inner = quote["quote"] as Map<String, Any?>
        val upstream = obj(
            "delayMs" to quote["delayMs"],
            "quote" to obj("symbol" to inner["symbol"], "price" to inner["price"], "currency" to inner["currency"]),
        )
        Reply.json(response, 200, obj("upstream" to upstream, "upstreamMs" to upstreamMs))
    }
}
