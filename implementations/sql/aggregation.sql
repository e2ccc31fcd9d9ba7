-- Scenario 18: COUNT, GROUP BY country and JOIN + GROUP BY author over the same 200,000 posts,
-- stored without (aggregation_posts_unindexed) and with (aggregation_posts_indexed) the indexes
-- these queries need (fixtures/sql/018_aggregation.sql). The same SQL for both tables.

-- name: aggregation_count_unindexed
SELECT count(*)::integer AS posts FROM aggregation_posts_unindexed WHERE country = $1;

-- name: aggregation_by_country_unindexed
-- The month's bounds in UTC: from, then to (exclusive).
SELECT country, count(*)::integer AS posts FROM aggregation_posts_unindexed
      WHERE created_at >= $1 AND created_at < $2 GROUP BY country ORDER BY country;

-- name: aggregation_by_author_unindexed
-- LEFT JOIN, so that an author without posts is listed with 0 of each: limit, then offset.
SELECT a.id, a.name, count(p.author_id)::integer AS posts, coalesce(sum(p.likes), 0)::integer AS likes
      FROM (SELECT id, name FROM authors ORDER BY id LIMIT $1 OFFSET $2) AS a
      LEFT JOIN aggregation_posts_unindexed AS p ON p.author_id = a.id
      GROUP BY a.id, a.name ORDER BY a.id;

-- name: aggregation_count_indexed
SELECT count(*)::integer AS posts FROM aggregation_posts_indexed WHERE country = $1;

-- name: aggregation_by_country_indexed
SELECT country, count(*)::integer AS posts FROM aggregation_posts_indexed
      WHERE created_at >= $1 AND created_at < $2 GROUP BY country ORDER BY country;

-- name: aggregation_by_author_indexed
SELECT a.id, a.name, count(p.author_id)::integer AS posts, coalesce(sum(p.likes), 0)::integer AS likes
      FROM (SELECT id, name FROM authors ORDER BY id LIMIT $1 OFFSET $2) AS a
      LEFT JOIN aggregation_posts_indexed AS p ON p.author_id = a.id
      GROUP BY a.id, a.name ORDER BY a.id;
