#!/usr/bin/env bash
# install-deps.sh [--check]: the Debian packages sqlshape builds and tests with. As root it
# installs what is missing; otherwise (or with --check) it prints the one apt-get line and
# exits 1 when something is missing.
set -eu
PKGS="build-essential pkg-config re2c lemon default-libmysqlclient-dev libpg-query-dev
libprotobuf-c-dev libpq-dev libcjson-dev libyaml-dev libinih-dev libcmocka-dev
mariadb-server mariadb-client postgresql python3 clang libclang-rt-14-dev man-db mandoc"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || [ "${1:-}" = "--check" ]; then
	echo "sqlshape needs these Debian packages; install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
