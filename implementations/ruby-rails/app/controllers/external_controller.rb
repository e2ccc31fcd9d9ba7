# frozen_string_literal: true

require "net/http"

# Scenario 05: the upstream's quote within UPSTREAM_TIMEOUT_MS, 502 and 504 as the contract says.
class ExternalController < ApplicationController
  def show
    delay = Lab::Http.validate_query(request.env, Lab::Schema::EXTERNAL_QUERY)["delayMs"]
    base = URI(lab.upstream_url)
    path = "#{base.path.sub(%r{/+\z}, '')}/quote#{delay.nil? ? '' : "?delayMs=#{delay}"}"
    timeout_ms = lab.upstream_timeout_ms
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    answer = begin
      # Net::HTTP's own socket timeouts, not Timeout.timeout: that raises into the thread from
      # another one and can fire just after the block ended, in Puma's code, which then drops the
      # connection without an answer (a transport error under load, about 1 in 400 requests).
      Rails.configuration.x.upstream.get(path)
    rescue Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout
      raise Lab::HttpError.new(504, "upstream did not answer within #{timeout_ms} ms")
    rescue StandardError
      raise Lab::HttpError.new(502, Lab::MESSAGES[:unreachable])
    end
    status = answer.code.to_i
    raise Lab::HttpError.new(502, "upstream answered with status #{status}") unless status.between?(200, 299)
    upstream_ms = (Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000.0
    quote = begin
      Lab::Schema.check(Lab::Schema::UPSTREAM_QUOTE, JSON.parse(answer.body.to_s), "upstream")
    rescue JSON::ParserError, Lab::SchemaError
      raise Lab::HttpError.new(502, Lab::MESSAGES[:invalid_quote])
    end
    inner = quote["quote"]
    json(200, {
      "upstream" => { "delayMs" => quote["delayMs"], "quote" => { "symbol" => inner["symbol"], "price" => inner["price"], "currency" => inner["currency"] } },
      "upstreamMs" => upstream_ms,
    })
  end
end
