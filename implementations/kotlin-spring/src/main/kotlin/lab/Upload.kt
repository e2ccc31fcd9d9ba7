package lab

import jakarta.servlet.http.HttpServletRequest
import jakarta.servlet.http.HttpServletResponse
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RestController
import java.io.IOException
import java.io.InputStream
import java.security.MessageDigest
import java.util.HexFormat

/**
 * Scenario 07: multipart/form-data read straight off the request stream, each file through a
 * SHA-256 and a byte count, nothing held or written to disk (the servlet multipart parser, which
 * spools parts to disk, is switched off). The rules are busboy's as @fastify/multipart sets them up.
 */
@RestController
class UploadRoutes(private val config: Config) {
    @PostMapping("/upload")
    fun upload(request: HttpServletRequest, response: HttpServletResponse) {
        val contentType = request.contentType
        if (contentType == null || mediaType(contentType) != "multipart/form-data") throw HttpError(415, Messages.notMultipart)
        try {
            val files = readFiles(request, contentType)
            Reply.json(response, 200, obj("files" to files))
        } catch (error: HttpError) {
            // Answer at once, then read off the rest of the body unparsed, so that a client still
            // sending is not reset before it reads the answer.
            Reply.error(response, error.status, error.message!!)
            response.flushBuffer()
            drain(request.inputStream)
        }
    }

    private fun drain(input: InputStream) {
        val sink = ByteArray(65536)
        try {
            while (input.read(sink) >= 0) Unit
        } catch (ignored: IOException) {
        }
    }

    private fun readFiles(request: HttpServletRequest, contentType: String): List<Map<String, Any?>> {
        if (request.contentLengthLong == 0L) throw HttpError(400, Messages.noFile)
        val boundary = parameter(contentType, "boundary") ?: throw HttpError(400, Messages.invalidMultipart)
        val parser = Multipart(request.inputStream, boundary)
        val files = ArrayList<Map<String, Any?>>()
        val digest = MessageDigest.getInstance("SHA-256")
        // The body before the first boundary (preamble) is skipped.
        if (!parser.readBody(null)) throw HttpError(if (parser.bytesRead == 0L) 400 else 400, if (parser.bytesRead == 0L) Messages.noFile else Messages.invalidMultipart)
        var parts = 0
        while (true) {
            val headers = parser.nextPartHeaders() ?: break
            if (++parts > Messages.UPLOAD_PARTS_LIMIT) throw HttpError(413, Messages.tooManyParts)
            val disposition = headers["content-disposition"]
            val name = disposition?.let { parameter(it, "name") }
            if (name != null && name in reservedNames) throw HttpError(400, Messages.reservedPartName)
            val filename = disposition?.let { parameter(it, "filename") }?.let { it.substring(maxOf(it.lastIndexOf('/'), it.lastIndexOf('\\')) + 1) }
            val partType = headers["content-type"]?.let { mediaType(it) } ?: "text/plain"
            val isFile = partType == "application/octet-stream" || !filename.isNullOrEmpty()
            if (!isFile) {
                if (!parser.readBody(null)) throw HttpError(400, Messages.invalidMultipart)
                continue
            }
            digest.reset()
            var bytes = 0L
            val complete = parser.readBody { buffer, offset, length ->
                bytes += length
                if (bytes > config.uploadLimitBytes) throw HttpError(413, Messages.fileTooLarge(config.uploadLimitBytes))
                digest.update(buffer, offset, length)
            }
            if (!complete) throw HttpError(400, Messages.invalidMultipart)
            files.add(obj("field" to (name ?: ""), "filename" to (filename ?: ""), "bytes" to bytes, "sha256" to HexFormat.of().formatHex(digest.digest())))
        }
        if (files.isEmpty()) throw HttpError(400, Messages.noFile)
        return files
    }

    private companion object {
        /** The properties of JavaScript's Object.prototype, which @fastify/multipart refuses as part names. */
        val reservedNames = setOf(
            "constructor", "__proto__", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString",
            "toString", "valueOf", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        )

        /** A header parameter (`boundary`, `name`, `filename`), quoted or not, backslash escapes undone. */
        fun parameter(header: String, wanted: String): String? {
            var index = header.indexOf(';')
            while (index >= 0 && index < header.length) {
                index++
                while (index < header.length && header[index] == ' ' || index < header.length && header[index] == '\t') index++
                val equals = header.indexOf('=', index)
                if (equals < 0) return null
                val key = header.substring(index, equals).trim().lowercase()
                var position = equals + 1
                val value = StringBuilder()
                if (position < header.length && header[position] == '"') {
                    position++
                    while (position < header.length && header[position] != '"') {
                        if (header[position] == '\\' && position + 1 < header.length) position++
                        value.append(header[position])
                        position++
                    }
                    position++
                } else {
                    while (position < header.length && header[position] != ';') value.append(header[position++])
                }
                if (key == wanted) return value.toString().let { if (header[equals + 1] == '"') it else it.trim() }
                index = header.indexOf(';', position)
            }
            return null
        }
    }
}

/** A streaming multipart reader over a fixed buffer: parts are found by their delimiter, never held. */
class Multipart(private val input: InputStream, boundary: String) {
    private val delimiter = "\r\n--$boundary".toByteArray(Charsets.ISO_8859_1)
    private val buffer = ByteArray(maxOf(65536, delimiter.size * 4))
    // A CRLF before the body, so that the first boundary is found like every other one.
    private var start = 0
    private var end = 2
    var bytesRead = 0L
        private set

    init {
        buffer[0] = '\r'.code.toByte()
        buffer[1] = '\n'.code.toByte()
    }

    private fun fill(): Boolean {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start)
            end -= start
            start = 0
        }
        if (end == buffer.size) return false
        val read = try {
            input.read(buffer, end, buffer.size - end)
        } catch (error: IOException) {
            -1
        }
        if (read <= 0) return false
        bytesRead += read
        end += read
        return true
    }

    private fun ensure(count: Int): Boolean {
        while (end - start < count) if (!fill()) return false
        return true
    }

    private fun indexOf(pattern: ByteArray, from: Int): Int {
        val first = pattern[0]
        var index = from
        val last = end - pattern.size
        outer@ while (index <= last) {
            if (buffer[index] != first) {
                index++
                continue
            }
            for (offset in 1 until pattern.size) {
                if (buffer[index + offset] != pattern[offset]) {
                    index++
                    continue@outer
                }
            }
            return index
        }
        return -1
    }

    /** Hands the part's bytes to `sink` up to the next delimiter; false if the body ends first. */
    fun readBody(sink: ((ByteArray, Int, Int) -> Unit)?): Boolean {
        while (true) {
            val found = indexOf(delimiter, start)
            if (found >= 0) {
                if (found > start) sink?.invoke(buffer, start, found - start)
                start = found + delimiter.size
                return true
            }
            val safe = end - delimiter.size + 1
            if (safe > start) {
                sink?.invoke(buffer, start, safe - start)
                start = safe
            }
            if (!fill()) return false
        }
    }

    private val crlf = byteArrayOf('\r'.code.toByte(), '\n'.code.toByte())

    /** After a delimiter: the next part's headers (names in lower case), or null at the closing one. */
    fun nextPartHeaders(): Map<String, String>? {
        if (!ensure(2)) throw HttpError(400, Messages.invalidMultipart)
        if (buffer[start] == '-'.code.toByte() && buffer[start + 1] == '-'.code.toByte()) return null
        // Transport padding, then the line end after the boundary.
        var lineEnd = indexOf(crlf, start)
        while (lineEnd < 0) {
            if (!fill()) throw HttpError(400, Messages.invalidMultipart)
            lineEnd = indexOf(crlf, start)
        }
        start = lineEnd + 2
        val headers = HashMap<String, String>()
        while (true) {
            var next = indexOf(crlf, start)
            while (next < 0) {
                if (!fill()) throw HttpError(400, Messages.invalidMultipart)
                next = indexOf(crlf, start)
            }
            if (next == start) {
                start += 2
                return headers
            }
            val line = String(buffer, start, next - start, Charsets.UTF_8)
            start = next + 2
            val colon = line.indexOf(':')
            if (colon > 0) headers[line.substring(0, colon).trim().lowercase()] = line.substring(colon + 1).trim()
        }
    }
}
