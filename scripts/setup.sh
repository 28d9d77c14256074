#!/usr/bin/env bash
# Set up the project on this machine, then (optionally) run one command in it:
# the README's "set up and build" command.
#
#   bash scripts/setup.sh                      # set up only
#   bash scripts/setup.sh mkdocs build --strict
#   bash scripts/setup.sh mkdocs serve
#   bash scripts/setup.sh khuyencong check
#   bash scripts/setup.sh --test [COMMAND...]  # also the test extras
#
# Setting up means: a virtual environment in .venv (ignored by git) made with
# the machine's python3, the project installed there in editable mode (pip
# install -e .), and, on Debian/Ubuntu, the python3.X-venv package installed
# with apt-get first if that Python cannot make a venv. It works with the
# system python3 of Debian 12 and Ubuntu 24.04, which refuse a plain
# `pip install` (PEP 668, "externally-managed-environment"). A second run
# installs nothing unless pyproject.toml changed.
#
# The command runs in the project folder with .venv/bin first on PATH and
# NO_MKDOCS_2_WARNING=1, which hides Material for MkDocs' English end-of-life
# banner (see README.md). Activating the venv (`source .venv/bin/activate`)
# sets the same variable.
set -euo pipefail

KC_RERUN="bash scripts/setup.sh${*:+ $*}"
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

extras=""
case "${1:-}" in
  --test)
    extras="test"
    shift
    ;;
  -h | --help)
    sed -n '2,/^set -e/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
esac

kc_setup "$extras"

if [ "$#" -eq 0 ]; then
  say "Đã cài xong vào $KC_VENV."
  printf '%s\n' \
    "Để dùng các lệnh mkdocs và khuyencong trong cửa sổ dòng lệnh này, chạy một lần:" \
    "    source .venv/bin/activate" \
    "rồi ví dụ: mkdocs serve   hoặc   khuyencong check" \
    "Hoặc không cần kích hoạt: bash scripts/setup.sh mkdocs serve"
  exit 0
fi

cd "$KC_ROOT"
export VIRTUAL_ENV="$KC_VENV"
export PATH="$KC_VENV/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
unset PYTHONHOME
exec "$@"
