package lab

import com.auth0.jwt.JWT
import com.auth0.jwt.JWTVerifier
import com.auth0.jwt.algorithms.Algorithm
import com.auth0.jwt.exceptions.JWTVerificationException
import com.auth0.jwt.exceptions.SignatureVerificationException
import com.auth0.jwt.exceptions.TokenExpiredException
import jakarta.servlet.http.HttpServletRequest
import jakarta.servlet.http.HttpServletResponse
import org.bouncycastle.crypto.generators.SCrypt
import org.springframework.beans.factory.DisposableBean
import org.springframework.stereotype.Component
import org.springframework.web.bind.annotation.DeleteMapping
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RestController
import redis.clients.jedis.ConnectionPoolConfig
import redis.clients.jedis.JedisPooled
import redis.clients.jedis.params.SetParams
import java.net.URI
import java.nio.charset.StandardCharsets.UTF_8
import java.security.MessageDigest
import java.security.SecureRandom
import java.time.Duration
import java.time.Instant
import java.util.Base64
import java.util.concurrent.Semaphore

/** Scenario 17's messages (contract/src/scenarios/auth-schemas.ts). */
object AuthMessages {
    const val wrongCredentials = "email or password is wrong"
    const val expiredToken = "bearer token has expired"
    const val invalidAccessToken = "bearer token is not a valid access token"
    const val unknownSession = "session does not exist or has expired"
}

fun unauthorized(message: String) = HttpError(401, message, mapOf("www-authenticate" to "Bearer"))

/** readBearer() of the contract's bearer.ts: the token of "Bearer <token>", the scheme in any case. */
fun readBearer(header: String?): String {
    if (header.isNullOrEmpty()) throw unauthorized(Messages.missingAuthorization)
    val space = header.indexOf(' ')
    val scheme = if (space == -1) header else header.substring(0, space)
    if (!scheme.equals("bearer", ignoreCase = true)) throw unauthorized(Messages.notBearer)
    val token = if (space == -1) "" else header.substring(space + 1).trim()
    if (token.isEmpty()) throw unauthorized(Messages.malformedToken)
    return token
}

/**
 * Passwords as the contract's password-hash.ts stores them: "scrypt$N$r$p$<salt>$<key>" (base64),
 * checked with the parameters the hash carries (the lab's are N = 2^14, r = 8, p = 1).
 */
object PasswordHash {
    private val pattern = Regex("^scrypt\\$(\\d+)\\$(\\d+)\\$(\\d+)\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)$")
    private const val KEY_LENGTH = 32

    /** Checked for an unknown email, so that refusing it costs a hash too. */
    val decoy = "scrypt$16384$8$1$" + Base64.getEncoder().encodeToString(ByteArray(16)) + "$" +
        Base64.getEncoder().encodeToString(ByteArray(KEY_LENGTH))

    /**
     * At most as many hashes at once as Node's libuv pool runs (4): each takes 16 MiB of heap,
     * and 200 worker threads hashing at once would not fit in -Xmx512m.
     */
    private val hashing = Semaphore(4, true)

    /** Whether the password is the one hashed (compared in constant time); false for a hash it cannot read. */
    fun verify(password: String, hash: String): Boolean {
        val match = pattern.matchEntire(hash) ?: return false
        val (n, r, p) = match.groupValues.subList(1, 4).map { it.toIntOrNull() ?: return false }
        val (salt, expected) = try {
            match.groupValues.subList(4, 6).map { Base64.getDecoder().decode(it) }
        } catch (error: IllegalArgumentException) {
            return false
        }
        hashing.acquire()
        val actual = try {
            SCrypt.generate(password.toByteArray(UTF_8), salt, n, r, p, KEY_LENGTH)
        } catch (error: IllegalArgumentException) {
            return false
        } finally {
            hashing.release()
        }
        return MessageDigest.isEqual(actual, expected)
    }
}

/** Scenario 17b: HS256 JWTs under AUTH_SECRET, with jose's claims (sub, iss, iat, exp). */
@Component
class AccessTokens(config: Config) {
    companion object {
        const val ISSUER = "backend-benchmark-lab"
        private val subject = Regex("^[1-9][0-9]{0,15}$")
    }

    val ttlSeconds = config.accessTokenTtlSeconds

    // Made on first use, like the Redis connection: the harness times the JVM's start.
    private val algorithm by lazy { Algorithm.HMAC256(config.authSecret.toByteArray(UTF_8)) }

    // jose checks the issuer and that sub and exp are there, and does not refuse an iat in the future.
    private val verifier: JWTVerifier by lazy {
        JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence("sub").withClaimPresence("exp").ignoreIssuedAt().build()
    }

    fun issue(userId: Long, now: Instant = Instant.now()): String {
        val issued = Instant.ofEpochSecond(now.epochSecond)
        return JWT.create()
            .withSubject(userId.toString())
            .withIssuer(ISSUER)
            .withIssuedAt(issued)
            .withExpiresAt(issued.plusSeconds(ttlSeconds.toLong()))
            .sign(algorithm)
    }

    /** The user id of a valid, unexpired JWT of ours; the contract's 401 otherwise. */
    fun verify(token: String): Long {
        val decoded = try {
            verifier.verify(token)
        } catch (error: SignatureVerificationException) {
            throw unauthorized(Messages.invalidSignature)
        } catch (error: TokenExpiredException) {
            throw unauthorized(AuthMessages.expiredToken)
        } catch (error: JWTVerificationException) {
            throw unauthorized(AuthMessages.invalidAccessToken)
        } catch (error: IllegalArgumentException) {
            throw unauthorized(AuthMessages.invalidAccessToken)
        }
        val sub = decoded.subject
        if (sub == null || !subject.matches(sub)) throw unauthorized(AuthMessages.invalidAccessToken)
        val userId = sub.toLong()
        if (userId > 9007199254740991L) throw unauthorized(AuthMessages.invalidAccessToken)
        return userId
    }
}

/**
 * Scenario 17c: sessions in Redis under `session:<id>` as JSON `{"userId":N}`, with their TTL.
 * A Jedis pool with a connection for every worker thread that wants one, so that no request waits
 * for a connection; made on first use, so that the app starts without a Redis to hand. A Redis
 * that is down fails the command at once (a 500) rather than hold the request.
 */
@Component
class Sessions(private val config: Config) : DisposableBean {
    companion object {
        private val idPattern = Regex("^[A-Za-z0-9_-]{43}$")
        private const val TIMEOUT_MS = 5000
        fun key(sessionId: String) = "session:$sessionId"
    }

    val ttlSeconds = config.sessionTtlSeconds
    private val random = SecureRandom()
    private val redisOnce = lazy {
        val pool = ConnectionPoolConfig().apply {
            maxTotal = config.workerThreads
            maxIdle = config.workerThreads
            setMaxWait(Duration.ofMillis(TIMEOUT_MS.toLong()))
        }
        JedisPooled(pool, URI(config.redisUrl), TIMEOUT_MS, TIMEOUT_MS)
    }
    private val redis by redisOnce

    /** A new session of the user; its id, 256 random bits in base64url (43 characters). */
    fun create(userId: Long): String {
        val bytes = ByteArray(32).also(random::nextBytes)
        val sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        redis.set(key(sessionId), "{\"userId\":$userId}", SetParams().ex(ttlSeconds.toLong()))
        return sessionId
    }

    /** The session id of "Authorization: Bearer <id>" and its user; the contract's 401 otherwise. */
    fun check(header: String?): Pair<String, Long> {
        val sessionId = readBearer(header)
        // Refused before the lookup: a malformed id cannot be a key, and costs Redis nothing.
        if (!idPattern.matches(sessionId)) throw unauthorized(Messages.malformedToken)
        val stored = redis.get(key(sessionId)) ?: throw unauthorized(AuthMessages.unknownSession)
        @Suppress("UNCHECKED_CAST")
        val userId = ((Json.parse(stored.toByteArray(UTF_8)) as Map<String, Any?>)["userId"] as Double).toLong()
        return sessionId to userId
    }

    fun delete(sessionId: String) {
        redis.del(key(sessionId))
    }

    override fun destroy() {
        if (redisOnce.isInitialized()) redis.close()
    }
}

/**
 * Scenario 17: logging in, and GET /protected's page behind no authentication (17a), a JWT (17b)
 * or a session in Redis (17c). Authentication comes before the query is validated.
 */
@RestController
class AuthRoutes(private val database: Database, private val tokens: AccessTokens, private val sessions: Sessions) {
    private val credentialsByEmail = database.sql("auth_credentials_by_email")

    @PostMapping("/auth/login")
    fun login(request: HttpServletRequest, response: HttpServletResponse) {
        @Suppress("UNCHECKED_CAST")
        val body = readJsonBody(request, Schemas.loginRequest) as Map<String, Any?>
        val credentials = database.withConnection { connection ->
            connection.prepareStatement(credentialsByEmail).use { statement ->
                statement.setString(1, body["email"] as String)
                statement.executeQuery().use { rows -> if (rows.next()) rows.getLong(1) to rows.getString(2) else null }
            }
        }
        // An unknown email costs a hash too, so that timing does not tell it from a wrong password.
        val matches = PasswordHash.verify(body["password"] as String, credentials?.second ?: PasswordHash.decoy)
        if (credentials == null || !matches) throw unauthorized(AuthMessages.wrongCredentials)
        val userId = credentials.first
        val accessToken = tokens.issue(userId)
        val sessionId = sessions.create(userId)
        Reply.json(
            response, 200,
            obj(
                "userId" to userId, "tokenType" to "Bearer", "accessToken" to accessToken, "expiresIn" to tokens.ttlSeconds,
                "sessionId" to sessionId, "sessionExpiresIn" to sessions.ttlSeconds,
            ),
        )
    }

    /** 17a, the reference: no authentication, the user named in the query. */
    @GetMapping("/auth/none/items")
    fun noneItems(request: HttpServletRequest, response: HttpServletResponse) {
        val query = validateQuery(request, Schemas.unauthenticatedItemsQuery)
        itemsPage(response, (query["userId"] as Double).toLong(), query)
    }

    @GetMapping("/auth/jwt/items")
    fun jwtItems(request: HttpServletRequest, response: HttpServletResponse) {
        val userId = tokens.verify(readBearer(request.getHeader("authorization")))
        itemsPage(response, userId, validateQuery(request, Schemas.protectedQuery))
    }

    @GetMapping("/auth/session/items")
    fun sessionItems(request: HttpServletRequest, response: HttpServletResponse) {
        val (_, userId) = sessions.check(request.getHeader("authorization"))
        itemsPage(response, userId, validateQuery(request, Schemas.protectedQuery))
    }

    /** Logging out: the session ends at once, which a JWT cannot. */
    @DeleteMapping("/auth/session")
    fun logout(request: HttpServletRequest, response: HttpServletResponse) {
        val (sessionId, _) = sessions.check(request.getHeader("authorization"))
        sessions.delete(sessionId)
        response.status = 204
    }

    private fun itemsPage(response: HttpServletResponse, userId: Long, query: Map<String, Any?>) =
        Reply.json(response, 200, RawJson(pageOfItems(userId, (query["page"] as Double).toLong(), (query["pageSize"] as Double).toInt())))
}
