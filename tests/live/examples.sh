#!/usr/bin/env bash
# examples/: the schema repository is exactly what `sqlshape export --dir` writes for the demo
# schema, its sqlshape.conf loads, and the two GitHub Actions workflows run as GitHub would run
# them, against the test MariaDB: every run: step of the job (taken out with libyaml by
# build/tools/workflow_steps) in order with bash -eo pipefail, `if: always()` honoured,
# $GITHUB_PATH and $GITHUB_API_URL emulated (a local HTTP server records the comment), the
# checkouts emulated by git clones of a throwaway upstream (main + pull-request branches) and a
# link to this repository, apt-get by a check that the packages it names are installed. The
# build step really runs make and `make install PREFIX=$HOME/.local` (HOME is a temp dir).
#   - pull request adding a column and an index: the check passes, the comment holds the plan
#   - pull request dropping a column (data loss, not allowed by production's policy; stays
#     refused whatever the copy engine): the check fails, the comment says why
#   - merge to main: the deploy workflow applies to "staging" (a test database named by
#     sqlshape.conf) and a second plan is empty.
. "$(dirname "$0")/lib.sh"
need_mysql
EX="$LIVE_ROOT/examples"
STEPS="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/workflow_steps"
[ -x "$STEPS" ] || { echo "not ok 1 - $STEPS missing (make tests)"; exit 1; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export GIT_CONFIG_GLOBAL="$LIVE_TMP/gitconfig"
: >"$GIT_CONFIG_GLOBAL"

# --- the schema repository is export --dir's output --------------------------------------
db=$(my_fresh_db gen)
my_load "$db" "$EX/demo/schema.sql" >/dev/null
"$SQLSHAPE" export --url "$(my_url "$db")" --dir "$LIVE_TMP/exported" >"$LIVE_TMP/out" 2>&1
is "export --dir of the demo schema" 0 "$?"
diff -r "$LIVE_TMP/exported" "$EX/schema" >"$LIVE_TMP/diff" 2>&1
is "examples/schema is exactly what export --dir writes (regenerate it if this fails)" 0 "$?"
[ -s "$LIVE_TMP/diff" ] && sed 's/^/#   /' "$LIVE_TMP/diff" | head -20
"$SQLSHAPE" plan --url "$(my_url "$db")" "$EX/schema" >"$LIVE_TMP/out" 2>&1
is "the demo database matches examples/schema" 0 "$?"
for env in staging production; do
	# the config loads and names the environment; no server is reached (the URL has no host here)
	"$SQLSHAPE" history --config "$EX/sqlshape.conf" --env "$env" >"$LIVE_TMP/out" 2>&1
	lacks "sqlshape.conf [$env] loads" "sqlshape.conf:" "$LIVE_TMP/out"
	contains "sqlshape.conf [$env]: its URL is used" "example.com" "$LIVE_TMP/out"
done

# --- a throwaway upstream: main as examples/ lays it out, two pull-request branches --------
up="$LIVE_TMP/upstream"
stage=$(my_fresh_db staging)
mkdir -p "$up"
cp -r "$EX/schema" "$up/schema"
# staging's URL points at the test server (no password: MYSQL_PWD comes from the secret)
sed "s|^url = mysql://deploy@db.staging.example.com:3306/shop|url = mysql://$SQLSHAPE_TEST_MYSQL_USER@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$stage|" \
	"$EX/sqlshape.conf" >"$up/sqlshape.conf"
ok "the staging URL was redirected to the test server" grep -q "127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$stage" "$up/sqlshape.conf"
git -C "$up" init -q -b main && git -C "$up" add -A && git -C "$up" commit -qm base
git -C "$up" checkout -qb pr-add
sed -i 's/^  PRIMARY KEY (`id`),$/  `phone` varchar(32) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `idx_customers_phone` (`phone`),/' "$up/schema/customers.sql"
git -C "$up" commit -qam "customers.phone"
git -C "$up" checkout -q main
git -C "$up" checkout -qb pr-drop
sed -i '/^  `name` varchar(100) NOT NULL,$/d' "$up/schema/customers.sql"
git -C "$up" commit -qam "drop customers.name"
git -C "$up" checkout -q main
is "the drop branch drops one line" 1 "$(git -C "$up" diff main pr-drop | grep -c '^-  `name`')"

# a recorder of the comments posted to the GitHub API
cat >"$LIVE_TMP/api.py" <<'PY'
import http.server, json, socketserver, sys
out = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(out, "a") as f:
            f.write(json.dumps({"path": self.path, "auth": self.headers.get("Authorization"),
                                "body": json.loads(body)["body"]}) + "\n")
        self.send_response(201); self.end_headers(); self.wfile.write(b"{}")
    def log_message(self, *a): pass
s = socketserver.TCPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$LIVE_TMP/api.py" "$LIVE_TMP/comments" >"$LIVE_TMP/api.port" &
api=$!
trap 'kill $api 2>/dev/null; rm -rf "$LIVE_TMP"' EXIT
for _ in $(seq 50); do [ -s "$LIVE_TMP/api.port" ] && break; sleep 0.1; done
API_URL="http://127.0.0.1:$(cat "$LIVE_TMP/api.port")"

# apt-get as the workflow calls it: every package it names must be installed here
mkdir -p "$LIVE_TMP/shims"
cat >"$LIVE_TMP/shims/apt-get" <<'SH'
#!/bin/sh
[ "$1" = update ] && exit 0
shift
for p in "$@"; do
	case $p in -*) continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		{ echo "apt-get shim: package $p is not installed here" >&2; exit 100; }
done
SH
chmod +x "$LIVE_TMP/shims/apt-get"

# run_job WORKFLOW JOB CASE BRANCH VAR=VALUE...: the job's steps in a fresh workspace (a
# clone of upstream at BRANCH); the VAR=VALUE pairs stand for the ${{ }} expressions and the
# service's address. Prints the job's log into $LIVE_TMP/CASE.log; returns 1 when a step failed.
run_job() {
	local wf=$1 job=$2 name=$3 branch=$4 steps="$LIVE_TMP/$3.steps" ws="$LIVE_TMP/$3.ws" n i failed=0
	shift 4
	n=$("$STEPS" "$wf" "$job" "$steps") || return 2
	mkdir -p "$LIVE_TMP/$name.home" "$LIVE_TMP/$name.temp" "$ws"  # the workspace exists, empty
	: >"$LIVE_TMP/$name.path"
	# every expression the workflow uses must be supplied
	while read -r var _; do
		printf '%s\n' "$@" | grep -q "^$var=" || { echo "no value for \${{ }} variable $var" >>"$LIVE_TMP/$name.log"; return 2; }
	done <"$steps/env.expr"
	for i in $(seq -f %02g "$n"); do
		if [ -f "$steps/$i.uses" ]; then
			case $(cat "$steps/$i.uses") in
			actions/checkout@*)
				if grep -q '^path=.sqlshape$' "$steps/$i.with"; then
					ln -s "$LIVE_ROOT" "$ws/.sqlshape"
				else
					git clone -q "$up" "$ws" && git -C "$ws" checkout -q "$branch" || failed=1
				fi ;;
			*) echo "unknown action $(cat "$steps/$i.uses")" >>"$LIVE_TMP/$name.log"; return 2 ;;
			esac
			continue
		fi
		if [ "$failed" = 1 ] && ! grep -qE 'always\(\)|failure\(\)' "$steps/$i.if" 2>/dev/null; then
			continue
		fi
		echo "## step $i: $(cat "$steps/$i.name" 2>/dev/null)" >>"$LIVE_TMP/$name.log"
		(
			cd "$ws" || exit 1
			export HOME="$LIVE_TMP/$name.home" RUNNER_TEMP="$LIVE_TMP/$name.temp" \
				GITHUB_PATH="$LIVE_TMP/$name.path" GITHUB_API_URL="$API_URL" \
				GITHUB_REPOSITORY=example/shop-schema GITHUB_WORKSPACE="$ws" CI=true
			PATH="$LIVE_TMP/shims:$PATH"
			while read -r p; do [ -n "$p" ] && PATH="$p:$PATH"; done <"$GITHUB_PATH"
			export PATH
			. "$steps/env"
			. "$steps/$i.env"
			for kv in "$@"; do export "${kv?}"; done
			exec bash --noprofile --norc -eo pipefail "$steps/$i.run"
		) >>"$LIVE_TMP/$name.log" 2>&1 || { echo "## step $i failed" >>"$LIVE_TMP/$name.log"; failed=1; }
	done
	return "$failed"
}
base=$(my_url "")
pw=$SQLSHAPE_TEST_MYSQL_PASSWORD
CHECK="$EX/workflows/schema-check.yml"
DEPLOY="$EX/workflows/schema-deploy.yml"

# --- pull request: a new column and index --------------------------------------------------
t1=$(my_fresh_db pr_add)
run_job "$CHECK" plan add pr-add GITHUB_TOKEN=tok-1 PR_NUMBER=11 BASE_REF=main \
	"SQLSHAPE_URL=$base$t1" "MYSQL_PWD=$pw"
is "check of an allowed change: the job passes" 0 "$?" 
[ "$_live_fail" = 0 ] || sed 's/^/#   /' "$LIVE_TMP/add.log" | tail -40
ok "the build step installed sqlshape under \$HOME/.local" test -x "$LIVE_TMP/add.home/.local/bin/sqlshape"
contains "the base branch was loaded, then planned" "the plan is allowed" "$LIVE_TMP/add.log"
is "one comment posted" 1 "$(grep -c '' "$LIVE_TMP/comments" 2>/dev/null)"
python3 - "$LIVE_TMP/comments" >"$LIVE_TMP/c1" <<'PY'
import json, sys
c = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print(c["path"]); print(c["auth"]); print(c["body"])
PY
contains "the comment goes to the pull request's issue" "/repos/example/shop-schema/issues/11/comments" "$LIVE_TMP/c1"
contains "the comment is sent with the token" "Bearer tok-1" "$LIVE_TMP/c1"
contains "the comment holds the markdown plan" "| customers | " "$LIVE_TMP/c1"
contains "the comment shows the new column" "phone" "$LIVE_TMP/c1"
lacks "the comment never holds the password" "$pw" "$LIVE_TMP/c1"
is "the throwaway database holds the base schema only" "0" \
	"$(my_sql information_schema "SELECT COUNT(*) FROM COLUMNS WHERE TABLE_SCHEMA = '$t1' AND COLUMN_NAME = 'phone'")"

# --- pull request: a dropped column (data loss) ---------------------------------------------
t2=$(my_fresh_db pr_drop)
run_job "$CHECK" plan drop pr-drop GITHUB_TOKEN=tok-2 PR_NUMBER=12 BASE_REF=main \
	"SQLSHAPE_URL=$base$t2" "MYSQL_PWD=$pw"
is "check of a dropped column: the job fails" 1 "$?"
contains "it fails in the hazard step" "::error::the plan has hazards production does not allow" "$LIVE_TMP/drop.log"
lacks "no earlier step failed" "## step 0" <(grep '^## step .* failed' "$LIVE_TMP/drop.log" | grep -v 'step 08 failed')
is "the comment is posted all the same" 2 "$(grep -c '' "$LIVE_TMP/comments")"
python3 - "$LIVE_TMP/comments" >"$LIVE_TMP/c2" <<'PY'
import json, sys
c = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print(c["path"]); print(c["body"])
PY
contains "the comment goes to pull request 12" "/issues/12/comments" "$LIVE_TMP/c2"
contains "the comment names the refused change" "destructive change not allowed (hazard data-loss)" "$LIVE_TMP/c2"
contains "the comment names the column" "DROP COLUMN \`name\`" "$LIVE_TMP/c2"

# --- merge to main: deploy to staging -------------------------------------------------------
my_load "$stage" "$EX/demo/schema.sql" >/dev/null
git -C "$up" merge -q --no-edit pr-add
run_job "$DEPLOY" staging deploy main "MYSQL_PWD=$pw"
is "deploy workflow: the job passes" 0 "$?"
[ "$_live_fail" = 0 ] || sed 's/^/#   /' "$LIVE_TMP/deploy.log" | tail -40
is "deploy: staging has the new column" "1" \
	"$(my_sql information_schema "SELECT COUNT(*) FROM COLUMNS WHERE TABLE_SCHEMA = '$stage' AND COLUMN_NAME = 'phone'")"
contains "deploy: the history step shows the run done" "done" "$LIVE_TMP/deploy.log"
lacks "deploy: the log never shows the password" "$pw" "$LIVE_TMP/deploy.log"
git -C "$up" show main:schema/customers.sql >"$LIVE_TMP/merged.sql"
"$SQLSHAPE" plan --url "$(my_url "$stage")" "$LIVE_TMP/deploy.ws/schema" >"$LIVE_TMP/out" 2>&1
is "deploy: a second plan is empty" 0 "$?"
run_job "$DEPLOY" staging deploy2 main "MYSQL_PWD=$pw"
is "deploy again: nothing to do, the job passes" 0 "$?"
contains "deploy again: says so" "nothing to do" "$LIVE_TMP/deploy2.log"

done_testing
