# frozen_string_literal: true

class CommonController < ApplicationController
  HEALTH = { "status" => "ok" }.freeze

  def health = json(200, HEALTH)

  # Scenario 02: the validated order, unchanged.
  def echo = json(200, Lab::Http.json_body(request.env, Lab::Schema::ECHO_REQUEST))
end
