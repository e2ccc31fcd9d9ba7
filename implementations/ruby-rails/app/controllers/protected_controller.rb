# frozen_string_literal: true

require "openssl"
require "socket"

# Scenario 06: authentication, the request log, validation and the handler, in that order.
class ProtectedController < ApplicationController
  TOKEN = /\Av1\.([1-9][0-9]{0,15})\.([0-9a-f]{64})\z/
  HOSTNAME = Socket.gethostname
  @requests = 0
  @lock = Mutex.new
  class << self
    def next_request_id = @lock.synchronize { @requests += 1 }.to_s(36)
  end

  before_action :authenticate
  around_action :log_request

  def show
    query = Lab::Http.validate_query(request.env, Lab::Schema::PROTECTED_QUERY)
    json(200, Lab::Auth.protected_page(@user_id, query["page"], query["pageSize"]))
  end

  private

  def unauthorized(message) = Lab::HttpError.new(401, message, "www-authenticate" => "Bearer")

  def authenticate
    header = request.headers["Authorization"]
    raise unauthorized(Lab::MESSAGES[:missing_authorization]) if header.nil? || header.empty?
    scheme, token = header.split(" ", 2)
    raise unauthorized(Lab::MESSAGES[:not_bearer]) unless scheme.casecmp?("bearer")
    match = TOKEN.match(token.to_s.strip) or raise unauthorized(Lab::MESSAGES[:malformed])
    user_id = match[1].to_i
    raise unauthorized(Lab::MESSAGES[:malformed]) if user_id > 9_007_199_254_740_991
    expected = OpenSSL::HMAC.digest("SHA256", lab.auth_secret, "v1.#{match[1]}")
    raise unauthorized(Lab::MESSAGES[:invalid_signature]) unless Rack::Utils.secure_compare(expected, [match[2]].pack("H*"))
    @user_id = user_id
    @started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  end

  def log_request
    begin
      yield
    rescue StandardError => e
      answer(*Lab::Http.answer_error(e))
    end
    line = Lab::JsonJs.generate({
      "level" => 30, "time" => (Time.now.to_f * 1000).floor, "pid" => Process.pid, "hostname" => HOSTNAME,
      "reqId" => "req-#{self.class.next_request_id}", "method" => request.request_method, "url" => Lab::Http.raw_url(request.env),
      "statusCode" => response.status, "responseTime" => (Process.clock_gettime(Process::CLOCK_MONOTONIC) - @started) * 1000.0,
      "userId" => @user_id, "msg" => "request completed"
    })
    $stdout.write("#{line}\n")
  end
end
