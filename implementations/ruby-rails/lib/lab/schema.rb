# frozen_string_literal: true

module Lab
  class SchemaError < StandardError; end

  # The contract's JSON Schemas (implementations/contract/src/schemas.ts) checked as ajv checks
  # them (first error only, ajv's keyword order and messages, formatted as formatSchemaErrors()).
  module Schema
    module_function

    JS_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"

    def obj(properties, required: [], additional: nil)
      { type: :object, properties: properties, required: required, additional: additional }
    end

    def str(min: nil, max: nil, pattern: nil, regex: nil) = { type: :string, min: min, max: max, pattern: pattern, regex: regex }
    def int(min: nil, max: nil, default: nil) = { type: :integer, min: min, max: max, default: default }
    def num(min: nil, max: nil) = { type: :number, min: min, max: max }
    def arr(items, min: nil, max: nil) = { type: :array, items: items, min: min, max: max }

    COUNTRY = str(pattern: "^[A-Z]{2}$", regex: /\A[A-Z]{2}\z/)
    ADDRESS = obj({ "street" => str(min: 1), "city" => str(min: 1), "postcode" => str(min: 1), "country" => COUNTRY },
                  required: %w[street city postcode country])
    CUSTOMER = obj({ "id" => int(min: 1), "name" => str(min: 1), "email" => str(min: 3), "address" => ADDRESS },
                   required: %w[id name email address])
    ORDER_ITEM = obj({ "sku" => str(min: 1), "name" => str(min: 1), "quantity" => int(min: 1), "unitPrice" => num(min: 0),
                       "tags" => arr(str) }, required: %w[sku name quantity unitPrice])
    ECHO_REQUEST = obj({ "id" => str(min: 1), "createdAt" => str(min: 1), "customer" => CUSTOMER,
                         "items" => arr(ORDER_ITEM, min: 1, max: 2000), "notes" => str,
                         "metadata" => obj({}, additional: str) }, required: %w[id createdAt customer items])
    EXTERNAL_QUERY = obj({ "delayMs" => int(min: 0, max: 10_000) })
    UPSTREAM_QUOTE = obj({ "delayMs" => int(min: 0, max: 10_000),
                           "quote" => obj({ "symbol" => str(min: 1), "price" => num,
                                            "currency" => str(pattern: "^[A-Z]{3}$", regex: /\A[A-Z]{3}\z/) },
                                          required: %w[symbol price currency]) }, required: %w[delayMs quote])
    PROTECTED_QUERY = obj({ "page" => int(min: 1, max: 1_000_000, default: 1), "pageSize" => int(min: 1, max: 100, default: 20) })
    UNAUTHENTICATED_ITEMS_QUERY = obj({ "userId" => int(min: 1, max: 9_007_199_254_740_991), "page" => int(min: 1, max: 1_000_000, default: 1),
                                        "pageSize" => int(min: 1, max: 100, default: 20) }, required: ["userId"])
    LOGIN_REQUEST = obj({ "email" => str(min: 3, max: 254), "password" => str(min: 1, max: 1024) }, required: %w[email password])
    USERS_QUERY = obj({ "limit" => int(min: 1, max: 100, default: 20) })
    USER_PARAMS = obj({ "id" => int(min: 1, max: 9_007_199_254_740_991) }, required: ["id"])
    CREATE_USER = obj({ "email" => str(min: 3, max: 254, pattern: "^[^@\\s]+@[^@\\s]+$",
                                       regex: Regexp.new("\\A[^@#{JS_SPACE}]+@[^@#{JS_SPACE}]+\\z")),
                        "name" => str(min: 1, max: 100), "country" => COUNTRY }, required: %w[email name country])

    # Checks (and, with coerce, converts query text to integers as ajv's coerceTypes does);
    # returns the value with defaults filled in, or raises SchemaError with the first message.
    def check(schema, value, path, coerce: false)
      case schema[:type]
      when :object
        fail!(path, "must be object") unless value.is_a?(Hash)
        schema[:properties].each { |name, s| value[name] = s[:default] if s[:default] && !value.key?(name) }
        schema[:required].each { |name| fail!(path, "must have required property '#{name}'") unless value.key?(name) }
        value.each_key.to_a.each do |key|
          next if schema[:properties].key?(key)
          if schema[:additional] then value[key] = check(schema[:additional], value[key], "#{path}#{pointer(key)}", coerce: coerce)
          else fail!(path, "must NOT have additional properties: '#{key}'")
          end
        end
        schema[:properties].each do |name, s|
          value[name] = check(s, value[name], "#{path}#{pointer(name)}", coerce: coerce) if value.key?(name)
        end
        value
      when :string
        fail!(path, "must be string") unless value.is_a?(String)
        length = value.length
        fail!(path, "must NOT have more than #{schema[:max]} characters") if schema[:max] && length > schema[:max]
        fail!(path, "must NOT have fewer than #{schema[:min]} characters") if schema[:min] && length < schema[:min]
        fail!(path, "must match pattern \"#{schema[:pattern]}\"") if schema[:regex] && !schema[:regex].match?(value)
        value
      when :integer
        number = integer(value, coerce)
        fail!(path, "must be integer") if number.nil?
        fail!(path, "must be <= #{schema[:max]}") if schema[:max] && !(number <= schema[:max])
        fail!(path, "must be >= #{schema[:min]}") if schema[:min] && !(number >= schema[:min])
        number
      when :number
        fail!(path, "must be number") unless value.is_a?(Numeric)
        fail!(path, "must be <= #{schema[:max]}") if schema[:max] && !(value <= schema[:max])
        fail!(path, "must be >= #{schema[:min]}") if schema[:min] && !(value >= schema[:min])
        value
      when :array
        fail!(path, "must be array") unless value.is_a?(Array)
        fail!(path, "must NOT have more than #{schema[:max]} items") if schema[:max] && value.length > schema[:max]
        fail!(path, "must NOT have fewer than #{schema[:min]} items") if schema[:min] && value.length < schema[:min]
        value.each_index { |index| value[index] = check(schema[:items], value[index], "#{path}/#{index}", coerce: coerce) }
        value
      end
    end

    def fail!(path, message) = raise(SchemaError, "#{path} #{message}")

    def pointer(key) = "/#{key.gsub('~', '~0').gsub('/', '~1')}"

    def integer(value, coerce)
      return value if value.is_a?(Integer)
      return value.to_i if value.is_a?(Float) && value.finite? && (value % 1).zero?
      return nil unless coerce && value.is_a?(String) && !value.empty?
      number = js_number(value)
      return nil if number.nan?
      return number if number.infinite?
      (number % 1).zero? ? number.to_i : nil
    end

    DECIMAL = /\A[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Infinity)\z/

    # JavaScript's Number(string).
    def js_number(text)
      trimmed = text.gsub(/\A[\s\u00a0\ufeff\u2028\u2029]+|[\s\u00a0\ufeff\u2028\u2029]+\z/, "")
      return 0.0 if trimmed.empty?
      if (match = /\A0([xXoObB])([0-9a-fA-F]+)\z/.match(trimmed))
        base = { "x" => 16, "o" => 8, "b" => 2 }[match[1].downcase]
        digits = match[2]
        return Float::NAN unless digits.chars.all? { |c| c.to_i(base).to_s(base) == c.downcase }
        return digits.to_i(base).to_f
      end
      return Float::NAN unless DECIMAL.match?(trimmed)
      return trimmed.start_with?("-") ? -Float::INFINITY : Float::INFINITY if trimmed.end_with?("Infinity")
      Float(trimmed.sub(/\A([+-]?)\./, '\10.').sub(/\.(?=[eE]|\z)/, ""))
    end
  end
end
