-- The statements of the /users routes (scenarios 03 and 04), the same text as
-- implementations/contract/src/users.ts (userQueries), for the implementations that load SQL files.

-- name: user_list
-- The first $1 users by id (GET /users?limit=N).
SELECT id, email, name, country, created_at FROM users ORDER BY id LIMIT $1;

-- name: user_by_id
-- The user with this id (GET /users/{id}).
SELECT id, email, name, country, created_at FROM users WHERE id = $1;

-- name: user_insert
-- A new user, in a transaction of its own (POST /users); a taken email violates users_email_key.
INSERT INTO users (email, name, country) VALUES ($1, $2, $3) RETURNING id, email, name, country, created_at;
