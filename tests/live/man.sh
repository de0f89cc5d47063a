#!/usr/bin/env bash
# man/sqlshape.1 renders with Debian's tools without a warning (groff -ww; mandoc -Tlint when
# installed), `man -l` shows it, and `make install` / `make uninstall` put the binary and the
# man page in place under PREFIX and DESTDIR and take exactly them away. That every option is
# in the page is tests/unit/test_cli.c's job. Needs no server.
. "$(dirname "$0")/lib.sh"
cd "$LIVE_ROOT" || exit 1
MAN=man/sqlshape.1

groff -mandoc -Tutf8 -ww -z "$MAN" >"$LIVE_TMP/groff" 2>&1
is "groff -mandoc -ww: exit 0" 0 "$?"
is "groff -mandoc -ww: no warnings" "" "$(cat "$LIVE_TMP/groff")"
if command -v mandoc >/dev/null; then
	# -Wwarning: warnings and worse (mandoc's STYLE notes are left out); a missing
	# mandoc.db entry for SEE ALSO pages is about this machine's database, not the page
	mandoc -Tlint -Wwarning "$MAN" 2>&1 | grep -v 'outdated mandoc.db' >"$LIVE_TMP/lint"
	is "mandoc -Tlint: no warnings" "" "$(cat "$LIVE_TMP/lint")"
else
	skip "mandoc not installed (apt-get install mandoc)"
fi
MANWIDTH=80 man -l "$MAN" 2>/dev/null >"$LIVE_TMP/man"
is "man -l renders" 0 "$?"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS HAZARDS OUTPUT ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
	ok "man page has section $s" grep -q "^$s" "$LIVE_TMP/man"
done
for c in export plan apply history diff format help version; do
	ok "man page synopsis names $c" grep -qE "^ +sqlshape $c( |$)" "$LIVE_TMP/man"
done
ok "man page renders an option with its argument" grep -qE '^ +--lock-timeout S$' "$LIVE_TMP/man"

# make install / uninstall into a staging directory
stage="$LIVE_TMP/stage"
make -s install DESTDIR="$stage" PREFIX=/usr/local BUILD="${SQLSHAPE_BUILD:-build}" -o "${SQLSHAPE_BUILD:-build}/sqlshape" >"$LIVE_TMP/inst" 2>&1
is "make install exits 0" 0 "$?"
ok "the binary is installed, executable" test -x "$stage/usr/local/bin/sqlshape"
ok "the man page is installed" cmp -s "$MAN" "$stage/usr/local/share/man/man1/sqlshape.1"
ok "the installed binary runs" "$stage/usr/local/bin/sqlshape" --version
MANWIDTH=80 man -M "$stage/usr/local/share/man" sqlshape >"$LIVE_TMP/man2" 2>/dev/null
is "man finds the installed page" 0 "$?"
make -s install DESTDIR="$stage" PREFIX=/opt/sqlshape BUILD="${SQLSHAPE_BUILD:-build}" -o "${SQLSHAPE_BUILD:-build}/sqlshape" >"$LIVE_TMP/inst" 2>&1
ok "PREFIX is honoured" test -x "$stage/opt/sqlshape/bin/sqlshape"
touch "$stage/usr/local/bin/other-tool"
make -s uninstall DESTDIR="$stage" PREFIX=/usr/local >"$LIVE_TMP/uninst" 2>&1
is "make uninstall exits 0" 0 "$?"
ok "uninstall removes the binary" test ! -e "$stage/usr/local/bin/sqlshape"
ok "uninstall removes the man page" test ! -e "$stage/usr/local/share/man/man1/sqlshape.1"
ok "uninstall leaves other files alone" test -e "$stage/usr/local/bin/other-tool"
ok "uninstall of another PREFIX leaves this one" test -x "$stage/opt/sqlshape/bin/sqlshape"

done_testing
