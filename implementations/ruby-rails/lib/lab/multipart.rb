# frozen_string_literal: true

require "digest"

module Lab
  # POST /upload: multipart/form-data read in chunks, each file through SHA-256 and a byte count,
  # with busboy's rules as @fastify/multipart sets them up (file names without directories, an
  # empty file name is a field unless sent as application/octet-stream, 1000 parts at most).
  class Upload
    RESERVED = %w[constructor __proto__ hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf
                  __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__].freeze
    CHUNK = 64 * 1024

    def self.call(env) = new(env).call

    def initialize(env)
      @env = env
      @limit = Rails.configuration.x.lab.upload_limit_bytes
    end

    def call
      content_type = @env["CONTENT_TYPE"]
      return Http.error(415, MESSAGES[:not_multipart]) unless Http.media_type(content_type) == "multipart/form-data"
      Http.json(200, { "files" => read_files(content_type) })
    rescue HttpError => e
      Http.error(e.status, e.message)
    end

    private

    def read_files(content_type)
      raise HttpError.new(400, MESSAGES[:no_file]) if @env["CONTENT_LENGTH"] == "0"
      boundary = self.class.parameter(content_type, "boundary") or raise HttpError.new(400, MESSAGES[:invalid_multipart])
      @input = @env["rack.input"]
      @input.rewind if @input.respond_to?(:rewind)
      @delimiter = "\r\n--#{boundary}".b
      @buffer = +"\r\n".b
      @pos = 0
      @chunk = +"".b
      @read = 0
      unless read_body(nil)
        raise HttpError.new(400, @read.zero? ? MESSAGES[:no_file] : MESSAGES[:invalid_multipart])
      end
      files = []
      parts = 0
      while (headers = next_headers)
        parts += 1
        raise HttpError.new(413, MESSAGES[:too_many_parts]) if parts > 1000
        disposition = headers["content-disposition"]
        name = disposition && self.class.parameter(disposition, "name")
        raise HttpError.new(400, MESSAGES[:reserved_part]) if name && RESERVED.include?(name)
        filename = disposition && self.class.parameter(disposition, "filename")
        filename = filename.split(%r{[/\\]}).last.to_s if filename
        part_type = headers["content-type"] ? Http.media_type(headers["content-type"]) : "text/plain"
        unless part_type == "application/octet-stream" || (filename && !filename.empty?)
          raise HttpError.new(400, MESSAGES[:invalid_multipart]) unless read_body(nil)
          next
        end
        digest = Digest::SHA256.new
        bytes = 0
        complete = read_body(lambda { |data|
          bytes += data.bytesize
          raise HttpError.new(413, "file must not be larger than #{@limit} bytes") if bytes > @limit
          digest.update(data)
        })
        raise HttpError.new(400, MESSAGES[:invalid_multipart]) unless complete
        files << { "field" => name || "", "filename" => filename || "", "bytes" => bytes, "sha256" => digest.hexdigest }
      end
      raise HttpError.new(400, MESSAGES[:no_file]) if files.empty?
      files
    end

    # The buffer holds unread bytes from @pos on; it is compacted only when more is read.
    def fill
      chunk = @input.read(CHUNK, @chunk)
      return false if chunk.nil? || chunk.empty?
      @read += chunk.bytesize
      if @pos.positive?
        @buffer = @buffer.byteslice(@pos, @buffer.bytesize - @pos)
        @pos = 0
      end
      @buffer << chunk
      true
    end

    def available = @buffer.bytesize - @pos

    def read_body(sink)
      loop do
        index = @buffer.index(@delimiter, @pos)
        if index
          sink&.call(@buffer.byteslice(@pos, index - @pos)) if index > @pos
          @pos = index + @delimiter.bytesize
          return true
        end
        safe = @buffer.bytesize - @delimiter.bytesize + 1
        if safe > @pos
          sink&.call(@buffer.byteslice(@pos, safe - @pos))
          @pos = safe
        end
        return false unless fill
      end
    end

    def next_headers
      fill_or_fail while available < 2
      return nil if @buffer.byteslice(@pos, 2) == "--"
      @pos = find("\r\n") + 2
      headers = {}
      loop do
        line_end = find("\r\n")
        line = @buffer.byteslice(@pos, line_end - @pos).force_encoding(Encoding::UTF_8)
        @pos = line_end + 2
        return headers if line.empty?
        name, value = line.split(":", 2)
        headers[name.strip.downcase] = value.to_s.strip if value
      end
    end

    def fill_or_fail
      fill or raise HttpError.new(400, MESSAGES[:invalid_multipart])
    end

    def find(pattern)
      loop do
        index = @buffer.index(pattern, @pos)
        return index if index
        raise HttpError.new(400, MESSAGES[:invalid_multipart]) if available > 64 * 1024
        fill_or_fail
      end
    end

    # A header parameter, quoted or not, backslash escapes undone.
    def self.parameter(header, wanted)
      header.scan(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/) do |key, quoted, plain|
        next unless key.downcase == wanted
        return quoted ? quoted.gsub(/\\(.)/, '\1') : plain.strip
      end
      nil
    end
  end
end
