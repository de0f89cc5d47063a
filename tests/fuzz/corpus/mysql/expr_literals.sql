_utf8mb4'x' = N'y' AND X'41' = 0b101 AND b'1' AND j->'$.a' AND j->>'$.b'
