-- Scenario 10: what SELECT * costs. One query per variant of GET /columns/<variant>: the rows
-- after id $1, $2 of them. The projections name the 5 columns of users_narrow.
-- (fixtures/sql/010_column_overhead.sql)

-- name: columns_narrow
SELECT * FROM users_narrow WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_wide
SELECT * FROM users_wide WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_wide_projection
SELECT id, email, name, country, created_at FROM users_wide WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_extra_wide
SELECT * FROM users_extra_wide WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_extra_wide_projection
SELECT id, email, name, country, created_at FROM users_extra_wide WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_integer
SELECT * FROM columns_integer WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_timestamp
SELECT * FROM columns_timestamp WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_uuid
SELECT * FROM columns_uuid WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_varchar
SELECT * FROM columns_varchar WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_text
SELECT * FROM columns_text WHERE id > $1 ORDER BY id LIMIT $2;

-- name: columns_jsonb
SELECT * FROM columns_jsonb WHERE id > $1 ORDER BY id LIMIT $2;
