# frozen_string_literal: true

require "net/http"

module Lab
  # GET /external's connections to the upstream: one keep-alive Net::HTTP per Puma thread, as the
  # other languages keep a pool (undici, httpx, Go's Transport). A connection per call made
  # Rails pay a TCP handshake on every request the others did not. Net::HTTP retries an
  # idempotent GET once on a connection the upstream closed meanwhile.
  class Upstream
    def initialize(url, timeout_ms)
      @base = URI(url)
      @seconds = timeout_ms / 1000.0
    end

    # The upstream's answer to GET path; a timeout or a broken connection drops this thread's
    # connection (a late answer may still arrive on it) before the error goes on.
    def get(path)
      connection.get(path)
    rescue StandardError
      discard
      raise
    end

    private

    def connection
      http = Thread.current[:lab_upstream]
      return http if http&.started?

      http = Net::HTTP.new(@base.host, @base.port)
      http.open_timeout = @seconds
      http.read_timeout = @seconds
      http.write_timeout = @seconds
      http.keep_alive_timeout = 30
      http.start
      Thread.current[:lab_upstream] = http
    end

    def discard
      http = Thread.current[:lab_upstream]
      Thread.current[:lab_upstream] = nil
      http.finish if http&.started?
    rescue IOError
      nil
    end
  end
end
