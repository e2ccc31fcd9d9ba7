# frozen_string_literal: true

Rails.application.routes.draw do
  get "/health", to: "common#health"
  post "/echo", to: "common#echo"
  get "/protected", to: "protected#show"
  get "/external", to: "external#show"
  get "/users", to: "users#index"
  get "/users/:id", to: "users#show", constraints: { id: %r{[^/]+} }
  post "/users", to: "users#create"
  # Mounted as a Rack endpoint: a controller's instrumentation reads the params, and Rack's
  # multipart parser would spool every file to disk before the action ran.
  post "/upload", to: Lab::Upload
  post "/auth/login", to: "auth#login"
  get "/auth/none/items", to: "auth#none_items"
  get "/auth/jwt/items", to: "auth#jwt_items"
  get "/auth/session/items", to: "auth#session_items"
  delete "/auth/session", to: "auth#logout"
  match "*path", to: Lab::NotFound, via: :all, format: false
  match "/", to: Lab::NotFound, via: :all
end
