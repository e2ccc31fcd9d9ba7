-- Scenario 19: articles containing a word (fixtures/sql/019_search.sql).

-- name: search_like
-- The pattern '%word%' twice (title, then body), then the limit. No index helps.
SELECT id, title FROM articles WHERE title ILIKE $1 OR body ILIKE $2 ORDER BY id LIMIT $3;

-- name: search_full_text
-- The word, then the limit; a GIN index on the stored tsvector.
SELECT id, title FROM articles WHERE search @@ plainto_tsquery('english', $1) ORDER BY id LIMIT $2;
