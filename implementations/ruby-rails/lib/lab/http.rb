# frozen_string_literal: true

require "rack/utils"

module Lab
  class HttpError < StandardError
    attr_reader :status, :headers

    def initialize(status, message, headers = {})
      super(message)
      @status = status
      @headers = headers
    end
  end

  JSON_TYPE = "application/json; charset=utf-8"
  BODY_LIMIT = 1024 * 1024

  MESSAGES = {
    invalid_json: "body is not valid JSON",
    empty_json: "body must not be empty when content-type is application/json",
    too_large: "body must not be larger than #{BODY_LIMIT} bytes",
    not_json: "content-type must be application/json",
    internal: "internal server error",
    unreachable: "upstream could not be reached",
    invalid_quote: "upstream answered with a body that is not a quote",
    missing_authorization: "authorization header is required",
    not_bearer: "authorization scheme must be Bearer",
    malformed: "bearer token is malformed",
    invalid_signature: "bearer token signature is invalid",
    not_multipart: "content-type must be multipart/form-data",
    invalid_multipart: "body is not valid multipart/form-data",
    no_file: "body must contain at least one file",
    too_many_parts: "body must not have more than 1000 parts",
    reserved_part: "body must not have a part named after an Object.prototype property",
    pool_exhausted: "no database connection was free in time: the pool is exhausted, try again",
    unavailable: "the database is unavailable, try again",
  }.freeze

  module Http
    module_function

    def json(status, body, headers = {})
      [status, { "Content-Type" => JSON_TYPE }.merge(headers), [JsonJs.generate(body)]]
    end

    def error(status, message, headers = {})
      json(status, { "statusCode" => status, "error" => Rack::Utils::HTTP_STATUS_CODES[status], "message" => message }, headers)
    end

    def raw_url(env)
      query = env["QUERY_STRING"].to_s
      env["REQUEST_URI"] || (env["PATH_INFO"] + (query.empty? ? "" : "?#{query}"))
    end

    def not_found(env) = error(404, "route #{env['REQUEST_METHOD']} #{raw_url(env)} does not exist")

    # The query string as fast-querystring (Fastify's) reads it: a repeated key is a list.
    def query(env)
      result = {}
      env["QUERY_STRING"].to_s.split("&").each do |pair|
        next if pair.empty?
        key, value = pair.split("=", 2)
        key = decode(key)
        value = decode(value || "")
        result[key] = result.key?(key) ? [*result[key], value] : value
      end
      result
    end

    def decode(text)
      URI.decode_www_form_component(text)
    rescue ArgumentError
      text
    end

    def validate_query(env, schema)
      Schema.check(schema, query(env), "querystring", coerce: true)
    rescue SchemaError => e
      raise HttpError.new(400, e.message)
    end

    def media_type(content_type) = content_type.to_s.split(";", 2).first.to_s.strip.downcase

    # A JSON body as Fastify reads one (415, 413, 400 for empty or malformed).
    def json_body(env, schema)
      content_type = env["CONTENT_TYPE"]
      if content_type.nil? || content_type.empty?
        length = env["CONTENT_LENGTH"].to_i
        raise HttpError.new(415, MESSAGES[:not_json]) if length.positive? || env["HTTP_TRANSFER_ENCODING"]
        return validate_body(schema, nil)
      end
      raise HttpError.new(415, MESSAGES[:not_json]) unless media_type(content_type) == "application/json"
      raise HttpError.new(413, MESSAGES[:too_large]) if env["CONTENT_LENGTH"].to_i > BODY_LIMIT
      input = env["rack.input"]
      input.rewind if input.respond_to?(:rewind)
      text = input.read(BODY_LIMIT + 1).to_s
      raise HttpError.new(413, MESSAGES[:too_large]) if text.bytesize > BODY_LIMIT
      raise HttpError.new(400, MESSAGES[:empty_json]) if text.empty?
      value = begin
        JSON.parse(text.force_encoding(Encoding::UTF_8))
      rescue JSON::ParserError, EncodingError
        raise HttpError.new(400, MESSAGES[:invalid_json])
      end
      validate_body(schema, value)
    end

    def validate_body(schema, value)
      Schema.check(schema, value, "body")
    rescue SchemaError => e
      raise HttpError.new(400, e.message)
    end

    def answer_error(error)
      case error
      when HttpError then error(error.status, error.message, error.headers)
      when Database::Exhausted then error(503, MESSAGES[:pool_exhausted], "retry-after" => "1")
      when Database::Unavailable then error(503, MESSAGES[:unavailable], "retry-after" => "1")
      else
        warn "ruby-rails: unexpected failure: #{error.class}: #{error.message}"
        error(500, MESSAGES[:internal])
      end
    end
  end

  # Rails's router matches /health/ as /health; the contract's paths match exactly. And a method
  # Rails does not know (QUERY, from the fuzzer) raises UnknownHttpMethod deep in Action Dispatch,
  # a 500: like the Node servers, it is an unknown route.
  class ExactPaths
    def initialize(app) = @app = app

    def call(env)
      path = env["PATH_INFO"].to_s
      return Http.not_found(env) if path.length > 1 && path.end_with?("/")
      return Http.not_found(env) unless ActionDispatch::Request::HTTP_METHOD_LOOKUP.key?(env["REQUEST_METHOD"].to_s)
      @app.call(env)
    rescue StandardError => e
      Http.answer_error(e)
    end
  end

  NotFound = ->(env) { Http.not_found(env) }

  ErrorsApp = lambda do |env|
    error = env["action_dispatch.exception"]
    error.is_a?(ActionController::RoutingError) ? Http.not_found(env) : Http.answer_error(error)
  end
end
