#!/usr/bin/env python3
"""tests/peer/canon_pg_dump.py: canonicalise `pg_dump --schema-only` output for convergence
comparisons (tests/peer/run_pg.sh): comment and blank lines, SET / set_config lines and
pg_dump's \\restrict / \\unrestrict lines are dropped (they carry a random key per run), and
the column lines inside each CREATE TABLE are sorted among themselves, without their trailing
commas (PostgreSQL cannot reorder columns, so a column added by ALTER comes last while the
desired file may list it earlier); for the same reason a run of one-line COMMENT ON COLUMN
statements, which pg_dump prints in column order, is sorted too. Everything else is compared as pg_dump prints it. Reads
stdin, writes stdout."""
import re
import sys

SKIP = re.compile(r"^(--|SET |SELECT pg_catalog\.set_config\(|\\restrict|\\unrestrict)")

out = []
table = None  # the column lines of the CREATE TABLE being read
for raw in sys.stdin:
    line = raw.rstrip("\n")
    if table is not None:
        if line.startswith(")"):
            out.extend(sorted(l.rstrip(",") for l in table))
            out.append(line)
            table = None
        else:
            table.append(line)
        continue
    if not line.strip() or SKIP.match(line):
        continue
    out.append(line)
    if line.startswith("CREATE TABLE ") or line.startswith("CREATE UNLOGGED TABLE "):
        if line.endswith("("):
            table = []

def sort_column_comments(lines):
    res, run = [], []
    for l in lines + [None]:
        if l is not None and l.startswith("COMMENT ON COLUMN ") and l.endswith("';"):
            run.append(l)
            continue
        res.extend(sorted(run))
        run = []
        if l is not None:
            res.append(l)
    return res


print("\n".join(sort_column_comments(out)))
