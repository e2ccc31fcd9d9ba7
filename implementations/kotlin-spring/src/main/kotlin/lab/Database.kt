package lab

import org.postgresql.util.PSQLException
import org.springframework.beans.factory.DisposableBean
import org.springframework.stereotype.Component
import java.io.File
import java.net.URI
import java.net.URLDecoder
import java.nio.charset.StandardCharsets.UTF_8
import java.sql.Connection
import java.sql.DriverManager
import java.sql.SQLException
import java.util.Properties
import java.util.concurrent.ConcurrentLinkedDeque
import java.util.concurrent.Semaphore
import java.util.concurrent.TimeUnit

/** The named queries of the .sql files of implementations/sql (format: its README). */
object Sql {
    private val placeholder = Regex("\\$[0-9]+")

    fun load(directory: String): Map<String, String> {
        val files = File(directory).listFiles { file -> file.name.endsWith(".sql") }
            ?: throw IllegalStateException("no SQL files in $directory (set LAB_SQL_DIR)")
        val queries = HashMap<String, String>()
        for (file in files.sortedBy { it.name }) {
            var name: String? = null
            val text = StringBuilder()
            fun flush() {
                // JDBC's placeholders are `?`: each $n appears once, in order (the files' rule).
                name?.let { queries[it] = text.toString().trim().removeSuffix(";").trim().replace(placeholder, "?") }
                text.setLength(0)
            }
            for (line in file.readLines()) {
                val trimmed = line.trim()
                if (trimmed.startsWith("-- name:")) {
                    flush()
                    name = trimmed.removePrefix("-- name:").trim()
                } else if (!trimmed.startsWith("--") && name != null) {
                    text.append(line).append('\n')
                }
            }
            flush()
        }
        return queries
    }
}

/**
 * A pool of PostgreSQL connections with pg-pool's semantics, which the contract's answers are
 * made of: at most DATABASE_POOL_SIZE connections, opened on first use; a request waits at most
 * DATABASE_POOL_TIMEOUT_MS for a free one (then 503 "pool is exhausted"), a connection that cannot
 * be opened fails that request at once (503 "unavailable"), and a broken connection is dropped.
 * HikariCP was the first choice, but it keeps retrying a refused connection until its timeout, so
 * a database that is down would cost every request the whole timeout rather than fail at once.
 */
@Component
class Database(config: Config) : DisposableBean {
    val queries: Map<String, String> = Sql.load(config.sqlDirectory)
    private val url: String
    private val properties = Properties()
    private val permits = Semaphore(config.databasePoolSize, true)
    private val idle = ConcurrentLinkedDeque<Connection>()
    private val timeoutMs = config.databasePoolTimeoutMs.toLong()

    init {
        val uri = URI(config.databaseUrl)
        val port = if (uri.port == -1) 5432 else uri.port
        url = "jdbc:postgresql://${uri.host}:$port${uri.rawPath.ifEmpty { "/postgres" }}"
        uri.rawUserInfo?.let { info ->
            properties["user"] = URLDecoder.decode(info.substringBefore(':'), UTF_8)
            if (':' in info) properties["password"] = URLDecoder.decode(info.substringAfter(':'), UTF_8)
        }
        // Seconds, rounded up: opening a connection takes at most the pool's timeout.
        properties["connectTimeout"] = ((timeoutMs + 999) / 1000).toString()
        properties["loginTimeout"] = ((timeoutMs + 999) / 1000).toString()
        properties["tcpKeepAlive"] = "true"
        properties["ApplicationName"] = NAME
    }

    fun sql(name: String): String = queries[name] ?: throw IllegalStateException("no query named $name in implementations/sql")

    /** Runs `work` on a pooled connection, given back (or dropped, if broken) afterwards. */
    fun <T> withConnection(work: (Connection) -> T): T {
        if (!permits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw HttpError(503, Messages.poolExhausted, mapOf("retry-after" to "1"))
        }
        var connection: Connection? = null
        try {
            connection = idle.pollFirst() ?: DriverManager.getConnection(url, properties)
            val result = work(connection!!)
            release(connection)
            connection = null
            return result
        } finally {
            if (connection != null) discard(connection)
            permits.release()
        }
    }

    /** `work` in a transaction of its own: committed if it returns, rolled back if it throws. */
    fun <T> inTransaction(work: (Connection) -> T): T = withConnection { connection ->
        connection.autoCommit = false
        try {
            val result = work(connection)
            connection.commit()
            result
        } catch (error: Throwable) {
            try {
                connection.rollback()
            } catch (ignored: SQLException) {
            }
            throw error
        } finally {
            if (!connection.isClosed) connection.autoCommit = true
        }
    }

    private fun release(connection: Connection) {
        if (connection.isClosed || !connection.autoCommit) discard(connection) else idle.addFirst(connection)
    }

    private fun discard(connection: Connection) {
        try {
            connection.close()
        } catch (ignored: SQLException) {
        }
    }

    override fun destroy() {
        while (true) discard(idle.pollFirst() ?: break)
    }

    companion object {
        /**
         * A database that is away (refused, reset, shutting down: SQLSTATE class 08 and 57P0x) is
         * the contract's 503 with retry-after, as retryableDatabaseError() maps pg's errors.
         */
        fun retryable(error: Throwable): HttpError? {
            var cause: Throwable? = error
            while (cause != null) {
                if (cause is SQLException) {
                    val state = cause.sqlState ?: ""
                    if (state.startsWith("08") || state in setOf("57P01", "57P02", "57P03")) {
                        return HttpError(503, Messages.databaseUnavailable, mapOf("retry-after" to "1"))
                    }
                }
                if (cause is java.net.SocketTimeoutException) return HttpError(503, Messages.databaseBusy, mapOf("retry-after" to "1"))
                cause = cause.cause
            }
            return null
        }

        fun isUniqueViolation(error: Throwable, constraint: String): Boolean =
            error is PSQLException && error.sqlState == "23505" && error.serverErrorMessage?.constraint == constraint
    }
}
