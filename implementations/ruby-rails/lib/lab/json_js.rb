# frozen_string_literal: true

require "json"

module Lab
  # JSON as JavaScript writes it (JSON.stringify), so that answers match Node's byte for byte.
  module JsonJs
    module_function

    ESCAPES = { '"' => '\\"', "\\" => "\\\\", "\n" => "\\n", "\r" => "\\r", "\t" => "\\t", "\b" => "\\b", "\f" => "\\f" }.freeze

    def generate(value, out = +"")
      case value
      when nil then out << "null"
      when true then out << "true"
      when false then out << "false"
      when String then string(value, out)
      when Integer then out << value.to_s
      when Float then out << number(value)
      when Hash
        out << "{"
        first = true
        value.each do |key, item|
          out << "," unless first
          first = false
          string(key.to_s, out)
          out << ":"
          generate(item, out)
        end
        out << "}"
      when Array
        out << "["
        value.each_with_index do |item, index|
          out << "," if index.positive?
          generate(item, out)
        end
        out << "]"
      else raise ArgumentError, "cannot write #{value.class} as JSON"
      end
      out
    end

    def string(text, out)
      out << '"'
      out << text.gsub(/["\\\x00-\x1f]/) { |char| ESCAPES[char] || format("\\u%04x", char.ord) }
      out << '"'
    end

    # Number#toString: the shortest digits that read back the same, in JavaScript's notation.
    def number(value)
      return "null" if value.nan? || value.infinite?
      return value.to_i.to_s if value == value.round && value.abs < 1e21
      text = value.abs.to_s
      if text.include?("e")
        mantissa, exponent = text.split("e")
        digits = mantissa.delete(".")
        n = exponent.to_i + 1
      else
        whole, fraction = text.split(".")
        if whole == "0"
          stripped = fraction.sub(/\A0+/, "")
          n = -(fraction.length - stripped.length)
          digits = stripped
        else
          digits = whole + fraction
          n = whole.length
        end
      end
      digits = digits.sub(/0+\z/, "")
      digits = "0" if digits.empty?
      k = digits.length
      body =
        if k <= n && n <= 21 then digits + ("0" * (n - k))
        elsif n.positive? && n <= 21 then "#{digits[0, n]}.#{digits[n..]}"
        elsif n > -6 && n <= 0 then "0.#{'0' * -n}#{digits}"
        else
          e = n - 1
          "#{digits[0]}#{k > 1 ? ".#{digits[1..]}" : ''}e#{e >= 0 ? '+' : '-'}#{e.abs}"
        end
      value.negative? ? "-#{body}" : body
    end
  end
end
