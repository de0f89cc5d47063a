#!/usr/bin/env python3
"""tests/live/pg_dump_canon.py: pg_dump --schema-only output (stdin) made comparable between
two databases that should hold the same schema: comments, blank lines, SET / set_config lines
and psql's \\restrict lines dropped; the lines inside each CREATE TABLE (columns and inline
constraints) sorted, because PostgreSQL cannot reorder columns and a migrated table keeps its
order. A number written as a string literal and cast ('0'::double precision) is the number
(the model keeps canonical literals, so a default written '0' comes back as 0). Everything else
is kept as pg_dump prints it."""
import re
import sys

NUMCAST = re.compile(r"'(-?[0-9]+(?:\.[0-9]+)?)'::(?:double precision|numeric|real|bigint|integer|smallint)\b")

out = []
block = None
for line in sys.stdin.read().splitlines():
    s = NUMCAST.sub(r"\1", line.rstrip())
    if not s or s.startswith("--") or s.startswith("SET ") or s.startswith("\\restrict") \
            or s.startswith("\\unrestrict") or s.startswith("SELECT pg_catalog.set_config"):
        continue
    if block is not None:
        if s.startswith(")"):
            out.extend(sorted(block))
            out.append(s)
            block = None
        else:
            block.append(s.rstrip(","))
        continue
    out.append(s)
    if s.startswith("CREATE TABLE ") or s.startswith("CREATE UNLOGGED TABLE "):
        if s.endswith("("):
            block = []
sys.stdout.write("\n".join(out) + "\n")
