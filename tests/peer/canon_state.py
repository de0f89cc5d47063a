#!/usr/bin/env python3
"""tests/peer/canon_state.py: canonicalise SHOW CREATE output (one object per line, newlines
inside written as \\n, as tests/live/lib.sh my_show_create and tests/peer/run.sh print it) for
convergence comparisons: the DEFINER clause is removed (who ran the statement is not part of
the schema); trigger and routine body lines (information_schema rows) are compared without
backquotes and case (sqlshape sends bodies in canonical spelling); and, inside each CREATE TABLE, the index lines and the CHECK constraint lines are
sorted among themselves (the server lists keys of one kind in creation order, so a key that
was dropped and added again moves; the set of keys is what must match). Reads stdin, writes
stdout."""
import re
import sys

DEFINER = re.compile(r" DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`")
INDEX = re.compile(r"^  (PRIMARY KEY|UNIQUE KEY|KEY|FULLTEXT KEY|SPATIAL KEY|VECTOR KEY) ")
CHECK = re.compile(r"^  CONSTRAINT `(?:[^`]|``)*` CHECK ")

for line in sys.stdin:
    line = DEFINER.sub("", line.rstrip("\n"))
    if line.startswith("CREATE TABLE"):
        parts = line.split("\\n")
        for pattern in (INDEX, CHECK):
            pos = [i for i, p in enumerate(parts) if pattern.match(p)]
            # A trailing comma depends on the position: compare the lines without it.
            body = sorted(parts[i].rstrip(",") for i in pos)
            for k, i in enumerate(pos):
                parts[i] = body[k]
        line = "\\n".join(p.rstrip(",") for p in parts)
    elif not line.startswith("CREATE "):
        line = line.replace("`", "").lower()
    print(line)
