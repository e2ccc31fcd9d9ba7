# frozen_string_literal: true

require "pg"

module Lab
  # The named queries of implementations/sql (format: its README).
  module Sql
    module_function

    def load(directory)
      queries = {}
      files = Dir.glob(File.join(directory, "*.sql")).sort
      raise "no SQL files in #{directory} (set LAB_SQL_DIR)" if files.empty?
      files.each do |file|
        name = nil
        text = +""
        flush = -> { queries[name] = text.strip.delete_suffix(";").strip if name }
        File.foreach(file) do |line|
          stripped = line.strip
          if stripped.start_with?("-- name:")
            flush.call
            name = stripped.delete_prefix("-- name:").strip
            text = +""
          elsif !stripped.start_with?("--") && name
            text << line
          end
        end
        flush.call
      end
      queries
    end
  end

  # A pool with pg-pool's semantics (the contract's): at most DATABASE_POOL_SIZE connections per
  # process, opened on first use; a request waits at most DATABASE_POOL_TIMEOUT_MS for a free one
  # (then 503 pool exhausted), a connection that cannot be opened fails its request at once (503
  # unavailable), a broken one is dropped.
  class Database
    class Unavailable < StandardError; end
    class Exhausted < StandardError; end

    attr_reader :queries

    def initialize(url:, size:, timeout_ms:, sql_directory:)
      @url = url
      @size = size
      @timeout = timeout_ms / 1000.0
      @queries = Sql.load(sql_directory)
      @idle = []
      @open = 0
      @mutex = Mutex.new
      @freed = ConditionVariable.new
    end

    def sql(name) = @queries.fetch(name)

    def with_connection
      connection = checkout
      begin
        result = yield connection
      rescue PG::ConnectionBad, PG::UnableToSend
        discard(connection)
        connection = nil
        raise Unavailable
      ensure
        checkin(connection) if connection
      end
      result
    end

    def in_transaction
      with_connection do |connection|
        connection.exec("BEGIN")
        begin
          result = yield connection
          connection.exec("COMMIT")
          result
        rescue StandardError
          begin
            connection.exec("ROLLBACK")
          rescue PG::Error
            nil
          end
          raise
        end
      end
    end

    def close
      @mutex.synchronize { @idle.each(&:close).clear }
    end

    private

    def checkout
      deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + @timeout
      @mutex.synchronize do
        loop do
          return @idle.pop unless @idle.empty?
          if @open < @size
            @open += 1
            break
          end
          left = deadline - Process.clock_gettime(Process::CLOCK_MONOTONIC)
          raise Exhausted if left <= 0
          @freed.wait(@mutex, left)
        end
      end
      begin
        PG.connect(@url, connect_timeout: [@timeout.ceil, 1].max, application_name: "ruby-rails")
      rescue PG::Error
        release_slot
        raise Unavailable
      end
    end

    def checkin(connection)
      if connection.finished? || connection.transaction_status != PG::PQTRANS_IDLE
        discard(connection)
      else
        @mutex.synchronize do
          @idle.push(connection)
          @freed.signal
        end
      end
    end

    def discard(connection)
      begin
        connection.close unless connection.finished?
      rescue PG::Error
        nil
      end
      release_slot
    end

    def release_slot
      @mutex.synchronize do
        @open -= 1
        @freed.signal
      end
    end
  end
end
