# frozen_string_literal: true

require "bundler/setup"
require "rails"
require "action_controller/railtie"
require_relative "../lib/lab/config"
require_relative "../lib/lab/json_js"
require_relative "../lib/lab/schema"
require_relative "../lib/lab/database"
require_relative "../lib/lab/http"
require_relative "../lib/lab/upstream"
require_relative "../lib/lab/multipart"
require_relative "../lib/lab/auth"

module Lab
  class Application < Rails::Application
    config.load_defaults 6.1
    config.api_only = true
    config.eager_load = true
    config.cache_classes = true
    config.consider_all_requests_local = false
    config.secret_key_base = "lab-ruby-rails-not-a-secret"
    # No request log: Rails logs nothing below FATAL, to nowhere.
    config.logger = ActiveSupport::Logger.new(nil)
    config.log_level = :fatal
    config.public_file_server.enabled = false
    config.hosts.clear
    # The routes' paths match exactly (Rails's router drops a trailing slash), and every error
    # is the contract's JSON.
    config.middleware.insert_before 0, Lab::ExactPaths
    config.middleware.delete Rack::Runtime
    config.middleware.delete Rack::ETag
    config.middleware.delete Rack::ConditionalGet
    config.middleware.delete ActionDispatch::RequestId
    config.middleware.delete ActionDispatch::RemoteIp
    config.exceptions_app = Lab::ErrorsApp
    config.paths.add "app/controllers", eager_load: true
  end
end
