-- Partitions' own indexes attached to their parent's, under names the file gives (as pg_dump
-- and GitLab's structure.sql write them): renamed, created before a new parent index (which
-- then attaches them), and left to the server where the file does not name them (m_k).
CREATE TABLE m (id bigint NOT NULL, k int NOT NULL, v int) PARTITION BY LIST (k);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
CREATE TABLE m_2 PARTITION OF m FOR VALUES IN (2);
CREATE INDEX m_v ON ONLY m (v);
CREATE INDEX m_1_v_old ON m_1 (v);
ALTER INDEX m_v ATTACH PARTITION m_1_v_old;
CREATE INDEX m_2_v_old ON m_2 (v);
ALTER INDEX m_v ATTACH PARTITION m_2_v_old;
CREATE INDEX m_k ON m (k);
