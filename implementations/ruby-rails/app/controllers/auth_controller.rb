# frozen_string_literal: true

# Scenario 17: logging in, and GET /protected's page behind no authentication (17a), a JWT (17b)
# or a session in Redis (17c). Authentication runs before the query is validated.
class AuthController < ApplicationController
  before_action :authenticate_jwt, only: :jwt_items
  before_action :authenticate_session, only: %i[session_items logout]

  def login
    body = Lab::Http.json_body(request.env, Lab::Schema::LOGIN_REQUEST)
    row = db.with_connection { |connection| connection.exec_params(db.sql("auth_credentials_by_email"), [body["email"]]).first }
    # An unknown email costs a hash too, so that timing does not tell it from a wrong password.
    matches = Lab::Auth::PasswordHash.verify(body["password"], row ? row["password_hash"] : Lab::Auth::PasswordHash::DECOY)
    raise Lab::Auth.unauthorized(Lab::Auth::MESSAGES[:wrong_credentials]) unless row && matches

    user_id = row["user_id"].to_i
    json(200, { "userId" => user_id, "tokenType" => "Bearer", "accessToken" => access_tokens.issue(user_id),
                "expiresIn" => access_tokens.ttl_seconds, "sessionId" => sessions.create(user_id),
                "sessionExpiresIn" => sessions.ttl_seconds })
  end

  # 17a, the reference: no authentication, the user named in the query.
  def none_items
    query = Lab::Http.validate_query(request.env, Lab::Schema::UNAUTHENTICATED_ITEMS_QUERY)
    json(200, Lab::Auth.protected_page(query["userId"], query["page"], query["pageSize"]))
  end

  def jwt_items = items

  def session_items = items

  # Logging out: the session ends at once, which a JWT cannot.
  def logout
    sessions.delete(@session_id)
    head :no_content
  end

  private

  def items
    query = Lab::Http.validate_query(request.env, Lab::Schema::PROTECTED_QUERY)
    json(200, Lab::Auth.protected_page(@user_id, query["page"], query["pageSize"]))
  end

  def authenticate_jwt
    @user_id = access_tokens.verify(Lab::Auth.read_bearer(request.headers["Authorization"]))
  end

  def authenticate_session
    @session_id, @user_id = sessions.check(request.headers["Authorization"])
  end

  def db = Rails.configuration.x.database
  def access_tokens = Rails.configuration.x.access_tokens
  def sessions = Rails.configuration.x.sessions
end
