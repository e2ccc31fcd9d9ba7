# frozen_string_literal: true

require "base64"
require "json"
require "jwt"
require "openssl"
require "redis"
require "securerandom"

module Lab
  # Scenario 17's credentials as the contract makes and checks them: scrypt password hashes,
  # HS256 JWTs and sessions in Redis (contract/src/password-hash.ts, access-token.ts, sessions.ts).
  module Auth
    MESSAGES = {
      wrong_credentials: "email or password is wrong",
      expired_token: "bearer token has expired",
      invalid_access_token: "bearer token is not a valid access token",
      unknown_session: "session does not exist or has expired",
    }.freeze

    module_function

    # The contract's protectedPage(): the user's items, numbered across pages from 1 (scenarios 06 and 17).
    def protected_page(user_id, page, page_size)
      first = (page - 1) * page_size + 1
      items = Array.new(page_size) { |index| { "id" => first + index, "title" => "Item #{first + index} of user #{user_id}" } }
      { "userId" => user_id, "page" => page, "pageSize" => page_size, "items" => items }
    end

    def unauthorized(message) = HttpError.new(401, message, "www-authenticate" => "Bearer")

    # The token of "Authorization: Bearer <token>" (the scheme in any case); the contract's 401 otherwise.
    def read_bearer(header)
      raise unauthorized(Lab::MESSAGES[:missing_authorization]) if header.nil? || header.empty?
      space = header.index(" ")
      scheme = space ? header[0, space] : header
      raise unauthorized(Lab::MESSAGES[:not_bearer]) unless scheme.casecmp?("bearer")
      token = space ? header[(space + 1)..].strip : ""
      raise unauthorized(Lab::MESSAGES[:malformed]) if token.empty?
      token
    end

    # "scrypt$<N>$<r>$<p>$<salt, base64>$<key, base64>", checked with the parameters it carries
    # (the lab's: N = 2^14, r = 8, p = 1) through OpenSSL's scrypt, as Node's crypto.scrypt.
    module PasswordHash
      PATTERN = %r{\Ascrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)\z}
      KEY_LENGTH = 32
      # Checked for an unknown email, so that refusing it costs a hash too.
      DECOY = "scrypt$16384$8$1$#{Base64.strict_encode64("\0" * 16)}$#{Base64.strict_encode64("\0" * KEY_LENGTH)}"

      module_function

      # Whether the password is the one hashed (constant-time compare); false for a hash it cannot read.
      def verify(password, hash)
        match = PATTERN.match(hash) or return false
        n, r, p = match.captures.first(3).map(&:to_i)
        expected = Base64.decode64(match[5])
        actual = OpenSSL::KDF.scrypt(password, salt: Base64.decode64(match[4]), N: n, r: r, p: p, length: KEY_LENGTH)
        expected.bytesize == actual.bytesize && OpenSSL.fixed_length_secure_compare(actual, expected)
      rescue OpenSSL::KDF::KDFError
        false
      end
    end

    # Scenario 17b: HS256 JWTs under AUTH_SECRET with jose's claims (sub, iss, iat, exp).
    class AccessTokens
      ISSUER = "backend-benchmark-lab"
      SUBJECT = /\A[1-9][0-9]{0,15}\z/
      MAX_SAFE_INTEGER = 9_007_199_254_740_991
      # jose checks the issuer and that sub and exp are there; it does not refuse an iat in the future.
      HEADER = { "alg" => "HS256", "typ" => "JWT" }.freeze
      DECODE_OPTIONS = { algorithm: "HS256", iss: ISSUER, verify_iss: true, verify_iat: false, required_claims: %w[sub exp] }.freeze

      attr_reader :ttl_seconds

      def initialize(secret, ttl_seconds)
        @secret = secret
        @ttl_seconds = ttl_seconds
      end

      def issue(user_id, now: Time.now.to_i)
        # The header in jose's order ({"alg":"HS256","typ":"JWT"}): ruby-jwt sets alg in place.
        JWT.encode({ "sub" => user_id.to_s, "iss" => ISSUER, "iat" => now, "exp" => now + @ttl_seconds }, @secret, "HS256", HEADER)
      end

      # The user id of a valid, unexpired JWT of ours; the contract's 401 otherwise.
      def verify(token)
        payload, = JWT.decode(token, @secret, true, DECODE_OPTIONS)
        subject = payload["sub"]
        unless subject.is_a?(String) && SUBJECT.match?(subject) && subject.to_i <= MAX_SAFE_INTEGER
          raise Auth.unauthorized(MESSAGES[:invalid_access_token])
        end
        subject.to_i
      rescue JWT::VerificationError
        raise Auth.unauthorized(Lab::MESSAGES[:invalid_signature])
      rescue JWT::ExpiredSignature
        raise Auth.unauthorized(MESSAGES[:expired_token])
      # A header or payload that is JSON but not an object fails inside the library as a TypeError
      # or NoMethodError: not a JWT either.
      rescue JWT::DecodeError, TypeError, NoMethodError
        raise Auth.unauthorized(MESSAGES[:invalid_access_token])
      end
    end

    # Scenario 17c: sessions in Redis under "session:<id>" as JSON {"userId":N}, with their TTL.
    # One connection per Puma thread (redis-rb serializes a shared one behind a lock), opened on
    # first use; a command waits through one reconnection at most, so a Redis that is down is a 500.
    class Sessions
      ID = /\A[A-Za-z0-9_-]{43}\z/

      attr_reader :ttl_seconds

      def self.key(session_id) = "session:#{session_id}"

      def initialize(redis_url, ttl_seconds)
        @redis_url = redis_url
        @ttl_seconds = ttl_seconds
        @thread_key = :"lab_redis_#{object_id}"
      end

      # A new session of the user; its id, 256 random bits in base64url (43 characters).
      def create(user_id)
        session_id = SecureRandom.urlsafe_base64(32)
        redis.set(Sessions.key(session_id), JsonJs.generate({ "userId" => user_id }), ex: @ttl_seconds)
        session_id
      end

      # [session id, user id] of "Authorization: Bearer <session id>"; the contract's 401 otherwise.
      def check(header)
        session_id = Auth.read_bearer(header)
        # Refused before the lookup: a malformed id cannot be a key, and costs Redis nothing.
        raise Auth.unauthorized(Lab::MESSAGES[:malformed]) unless ID.match?(session_id)
        stored = redis.get(Sessions.key(session_id)) or raise Auth.unauthorized(MESSAGES[:unknown_session])
        [session_id, JSON.parse(stored).fetch("userId")]
      end

      def delete(session_id) = redis.del(Sessions.key(session_id))

      private

      def redis
        Thread.current[@thread_key] ||= Redis.new(url: @redis_url, connect_timeout: 5, timeout: 5, reconnect_attempts: 1)
      end
    end
  end
end
