# frozen_string_literal: true

# Scenarios 03 and 04, on the statements of implementations/sql/users.sql.
class UsersController < ApplicationController
  def index
    limit = Lab::Http.validate_query(request.env, Lab::Schema::USERS_QUERY)["limit"]
    rows = db.with_connection { |connection| connection.exec_params(db.sql("user_list"), [limit]).to_a }
    json(200, { "users" => rows.map { |row| user(row) } })
  end

  def show
    id = begin
      Lab::Schema.check(Lab::Schema::USER_PARAMS, { "id" => request.path_parameters[:id] }, "params", coerce: true)["id"]
    rescue Lab::SchemaError => e
      raise Lab::HttpError.new(400, e.message)
    end
    row = db.with_connection { |connection| connection.exec_params(db.sql("user_by_id"), [id]).first }
    raise Lab::HttpError.new(404, "user #{id} does not exist") unless row
    json(200, user(row))
  end

  def create
    body = Lab::Http.json_body(request.env, Lab::Schema::CREATE_USER)
    row = begin
      db.in_transaction { |connection| connection.exec_params(db.sql("user_insert"), [body["email"], body["name"], body["country"]]).first }
    rescue PG::UniqueViolation => e
      raise unless e.result&.error_field(PG::Result::PG_DIAG_CONSTRAINT_NAME) == "users_email_key"
      raise Lab::HttpError.new(409, "email #{body['email']} is already taken")
    end
    created = user(row)
    json(201, created, "location" => "/users/#{created['id']}")
  end

  private

  def db = Rails.configuration.x.database

  # created_at as pg (Node) turns it into a Date: milliseconds = floor(1000 * fraction), UTC.
  def user(row)
    { "id" => row["id"].to_i, "email" => row["email"], "name" => row["name"], "country" => row["country"], "createdAt" => iso(row["created_at"]) }
  end

  def iso(text)
    match = /\A(\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?\z/.match(text)
    millis = match[7] ? (1000 * "0#{match[7]}".to_f).floor : 0
    offset = (match[8].to_i * 3600) + ((match[8].start_with?("-") ? -1 : 1) * ((match[9].to_i * 60) + match[10].to_i))
    time = Time.utc(match[1].to_i, match[2].to_i, match[3].to_i, match[4].to_i, match[5].to_i, match[6].to_i) - offset
    format("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", time.year, time.month, time.day, time.hour, time.min, time.sec, millis)
  end
end
