SELECT p.title, COUNT(*) AS n
FROM posts p LEFT JOIN tags t ON t.post_id = p.id
WHERE p.date > '2024-01-01' -- recent
GROUP BY p.title ORDER BY n DESC LIMIT 10;
