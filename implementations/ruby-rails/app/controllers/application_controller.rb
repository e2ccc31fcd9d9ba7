# frozen_string_literal: true

class ApplicationController < ActionController::API
  wrap_parameters false

  rescue_from StandardError do |error|
    answer(*Lab::Http.answer_error(error))
  end

  # Rails's instrumentation reads every request's params, which would parse the body (and fail a
  # malformed one before the action could answer it the contract's way); the actions read their
  # bodies themselves.
  def process_action(*)
    request.instance_variable_set(:@filtered_parameters, {})
    super
  end

  private

  def answer(status, headers, body)
    self.status = status
    headers.each { |name, value| response.headers[name] = value }
    self.response_body = body
  end

  def json(status, body, headers = {}) = answer(*Lab::Http.json(status, body, headers))

  def lab = Rails.configuration.x.lab
end
