package lab

import java.net.URI

/** The lab's environment (implementations/contract/src/app-options.ts), read once at start. */
class Config(env: Map<String, String>) {
    val port: Int = readPort(env)
    val host: String = env["HOST"].orEmpty().ifEmpty { "127.0.0.1" }
    val upstreamUrl: String = readUpstreamUrl(env)
    val upstreamTimeoutMs: Int = positive(env, "UPSTREAM_TIMEOUT_MS", 5000)
    val upstreamConnections: Int = positive(env, "UPSTREAM_CONNECTIONS", 128)
    val authSecret: String = env["AUTH_SECRET"].orEmpty().ifEmpty { "lab-secret" }
    val uploadLimitBytes: Long = positive(env, "UPLOAD_LIMIT_BYTES", 32L * 1024 * 1024)
    val databaseUrl: String = readDatabaseUrl(env)
    val databasePoolSize: Int = positive(env, "DATABASE_POOL_SIZE", 10)
    val redisUrl: String = readRedisUrl(env)
    val cacheTtlSeconds: Int = positive(env, "CACHE_TTL_SECONDS", 60)
    val sessionTtlSeconds: Int = positive(env, "SESSION_TTL_SECONDS", 3600)
    val accessTokenTtlSeconds: Int = positive(env, "ACCESS_TOKEN_TTL_SECONDS", 900)
    val databasePoolTimeoutMs: Int = positive(env, "DATABASE_POOL_TIMEOUT_MS", 5000)
    /** Undertow's worker threads: every request runs on one, blocking on JDBC or the upstream. */
    val workerThreads: Int = positive(env, "WORKER_THREADS", 200)
    /** Where implementations/sql is: ../sql from this folder, the cwd the harness starts it in. */
    val sqlDirectory: String = env["LAB_SQL_DIR"].orEmpty().ifEmpty { "../sql" }

    private companion object {
        fun readPort(env: Map<String, String>): Int {
            val raw = env["PORT"]
            if (raw.isNullOrEmpty()) throw IllegalArgumentException("PORT is not set: start the server with PORT=<port> (0 picks a free port)")
            val port = raw.toIntOrNull()
            if (port == null || port < 0 || port > 65535) throw IllegalArgumentException("PORT must be an integer from 0 to 65535, got \"$raw\"")
            return port
        }

        fun readUpstreamUrl(env: Map<String, String>): String {
            val raw = env["UPSTREAM_URL"]
            if (raw.isNullOrEmpty()) {
                throw IllegalArgumentException(
                    "UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API (implementations/upstream)",
                )
            }
            if (scheme(raw) != "http") throw IllegalArgumentException("UPSTREAM_URL must be an http:// URL, got \"$raw\"")
            return raw
        }

        fun readDatabaseUrl(env: Map<String, String>): String {
            val raw = env["DATABASE_URL"]
            if (raw.isNullOrEmpty()) {
                throw IllegalArgumentException(
                    "DATABASE_URL is not set: start the server with DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by fixtures/lab-database.ts",
                )
            }
            if (scheme(raw) !in setOf("postgres", "postgresql")) throw IllegalArgumentException("DATABASE_URL must be a postgres:// or postgresql:// URL")
            return raw
        }

        fun readRedisUrl(env: Map<String, String>): String {
            val raw = env["REDIS_URL"]
            if (raw.isNullOrEmpty()) {
                throw IllegalArgumentException("REDIS_URL is not set: start the server with REDIS_URL=redis://<host>:<port> of a Redis it may use as cache and session store")
            }
            if (scheme(raw) !in setOf("redis", "rediss")) throw IllegalArgumentException("REDIS_URL must be a redis:// or rediss:// URL")
            return raw
        }

        fun scheme(raw: String): String? = try {
            URI(raw).scheme?.lowercase()
        } catch (error: Exception) {
            null
        }

        fun positive(env: Map<String, String>, name: String, fallback: Int): Int = positive(env, name, fallback.toLong()).toInt()

        fun positive(env: Map<String, String>, name: String, fallback: Long): Long {
            val raw = env[name]
            if (raw.isNullOrEmpty()) return fallback
            val value = if (raw.all { it in '0'..'9' }) raw.toLongOrNull() else null
            if (value == null || value < 1 || value > 9007199254740991L) throw IllegalArgumentException("$name must be a positive integer, got \"$raw\"")
            return value
        }
    }
}
