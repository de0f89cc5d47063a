#!/usr/bin/env python3
"""tests/peer/canon_pg_dump.py: canonicalise `pg_dump --schema-only` output for convergence
comparisons (tests/peer/run_pg.sh): comment and blank lines, SET / set_config lines and
pg_dump's \\restrict / \\unrestrict lines are dropped (they carry a random key per run), and
the column lines inside each CREATE TABLE are sorted among themselves, without their trailing
commas (PostgreSQL cannot reorder columns, so a column added by ALTER comes last while the
desired file may list it earlier). Everything else is compared as pg_dump prints it. Reads
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
print("\n".join(out))
