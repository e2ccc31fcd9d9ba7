-- Scenario 11 (N+1): a page of authors with their posts, loaded three ways.

-- name: n_plus_one_page
-- The page of authors: limit, then (page - 1) * limit (lazy and in).
SELECT id, name FROM authors ORDER BY id LIMIT $1 OFFSET $2;

-- name: n_plus_one_posts_of_author
-- One author's posts (lazy: once per author of the page).
SELECT id, title, published_at FROM posts WHERE author_id = $1 ORDER BY id;

-- name: n_plus_one_posts_of_authors
-- Every author's posts at once (in): the page's author ids as an integer array.
SELECT id, author_id, title, published_at FROM posts WHERE author_id = ANY($1::integer[]) ORDER BY author_id, id;

-- name: n_plus_one_page_with_posts
-- The page joined with its posts (join): limit, then (page - 1) * limit.
SELECT a.id, a.name, p.id AS post_id, p.title, p.published_at
    FROM (SELECT id, name FROM authors ORDER BY id LIMIT $1 OFFSET $2) AS a
    LEFT JOIN posts AS p ON p.author_id = a.id
    ORDER BY a.id, p.id;
