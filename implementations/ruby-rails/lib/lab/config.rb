# frozen_string_literal: true

require "uri"

module Lab
  # The lab's environment (implementations/contract/src/app-options.ts).
  class Config
    attr_reader :port, :host, :upstream_url, :upstream_timeout_ms, :auth_secret, :upload_limit_bytes, :database_url,
                :database_pool_size, :database_pool_timeout_ms, :redis_url, :session_ttl_seconds, :access_token_ttl_seconds,
                :sql_directory

    def initialize(env)
      @port = read_port(env)
      @host = present(env["HOST"]) || "127.0.0.1"
      @upstream_url = read_upstream(env)
      @upstream_timeout_ms = positive(env, "UPSTREAM_TIMEOUT_MS", 5000)
      @auth_secret = present(env["AUTH_SECRET"]) || "lab-secret"
      @upload_limit_bytes = positive(env, "UPLOAD_LIMIT_BYTES", 32 * 1024 * 1024)
      @database_url = read_database(env)
      @database_pool_size = positive(env, "DATABASE_POOL_SIZE", 10)
      @redis_url = read_redis(env)
      @database_pool_timeout_ms = positive(env, "DATABASE_POOL_TIMEOUT_MS", 5000)
      @session_ttl_seconds = positive(env, "SESSION_TTL_SECONDS", 3600)
      @access_token_ttl_seconds = positive(env, "ACCESS_TOKEN_TTL_SECONDS", 900)
      %w[CACHE_TTL_SECONDS UPSTREAM_CONNECTIONS].each { |name| positive(env, name, 1) }
      @sql_directory = present(env["LAB_SQL_DIR"]) || File.expand_path("../../../sql", __dir__)
    end

    private

    def present(value) = value.nil? || value.empty? ? nil : value

    def scheme(raw)
      URI.parse(raw).scheme&.downcase
    rescue URI::Error
      nil
    end

    def read_port(env)
      raw = present(env["PORT"]) or raise ArgumentError, "PORT is not set: start the server with PORT=<port> (0 picks a free port)"
      port = Integer(raw, exception: false)
      raise ArgumentError, "PORT must be an integer from 0 to 65535, got \"#{raw}\"" unless port && port.between?(0, 65_535)
      port
    end

    def read_upstream(env)
      raw = present(env["UPSTREAM_URL"]) or raise ArgumentError,
        "UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API (implementations/upstream)"
      raise ArgumentError, "UPSTREAM_URL must be an http:// URL, got \"#{raw}\"" unless scheme(raw) == "http"
      raw
    end

    def read_database(env)
      raw = present(env["DATABASE_URL"]) or raise ArgumentError,
        "DATABASE_URL is not set: start the server with DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by fixtures/lab-database.ts"
      raise ArgumentError, "DATABASE_URL must be a postgres:// or postgresql:// URL" unless %w[postgres postgresql].include?(scheme(raw))
      raw
    end

    def read_redis(env)
      raw = present(env["REDIS_URL"]) or raise ArgumentError,
        "REDIS_URL is not set: start the server with REDIS_URL=redis://<host>:<port> of a Redis it may use as cache and session store"
      raise ArgumentError, "REDIS_URL must be a redis:// or rediss:// URL" unless %w[redis rediss].include?(scheme(raw))
      raw
    end

    def positive(env, name, fallback)
      raw = present(env[name]) or return fallback
      value = raw.match?(/\A\d+\z/) ? raw.to_i : nil
      raise ArgumentError, "#{name} must be a positive integer, got \"#{raw}\"" unless value && value >= 1 && value <= 9_007_199_254_740_991
      value
    end
  end
end
