#!/usr/bin/env bash
# MySQL normalisation and the canonical printer against the live MariaDB: for each of ~170
# column, key, foreign-key, check, table-option and partition forms, the written form created
# on the server reads back as the normaliser predicts, and the printed normalised model loads
# back into the identical SHOW CREATE TABLE (build/tools/live_normalize does the work and
# prints one "ok N - ..." line per assertion).
. "$(dirname "$0")/lib.sh"
need_mysql
"$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/live_normalize"
