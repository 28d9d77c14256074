# Shared by scripts/setup.sh and scripts/test.sh (sourced, never run).
#
# Sets up the project's virtual environment (.venv, ignored by git) with the
# machine's own python3, which on Debian 12 and Ubuntu 24.04 is "externally
# managed" (PEP 668: a plain `pip install` is refused), and installs Debian
# packages with apt-get when the user is root or may use sudo.
#
# Messages to the user are in Vietnamese; comments stay in English.
#
# Settings, from the environment:
#   PYTHON   the Python that creates the venv (default: python3)
#   KC_VENV  where the venv lives (default: <project>/.venv)

# The project's root folder (this file is in <root>/scripts/).
KC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KC_PYTHON="${PYTHON:-python3}"
# Resolved now, before a script puts .venv/bin first on PATH.
KC_PYTHON="$(command -v "$KC_PYTHON" 2>/dev/null || printf '%s' "$KC_PYTHON")"
KC_VENV="${KC_VENV:-$KC_ROOT/.venv}"
# Marks our line in the venv's bin/activate (see kc_quiet_material).
KC_ACTIVATE_MARK="# khuyencong: NO_MKDOCS_2_WARNING"
# The command the user ran, for "run it again" in messages (set by each script).
KC_RERUN="${KC_RERUN:-bash $0}"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'CẢNH BÁO: %s\n' "$*" >&2; }
die() {
  printf 'LỖI: %s\n' "$*" >&2
  exit 1
}

# --- Root access for apt-get -------------------------------------------------
# Root, or sudo without a password, or (at a terminal) sudo that asks for one.
# Anything else means apt-get cannot be used and the user is told what to run.
AS_ROOT=()
CAN_ROOT=""
if [ "$(id -u)" -eq 0 ]; then
  CAN_ROOT=1
elif command -v sudo >/dev/null 2>&1; then
  if sudo -n true >/dev/null 2>&1; then
    AS_ROOT=(sudo -n)
    CAN_ROOT=1
  elif [ -t 0 ] && [ -t 2 ]; then
    AS_ROOT=(sudo)
    CAN_ROOT=1
  fi
fi

APT_UPDATED=""
# apt_install PKG...: non-interactive install of Debian packages, with a
# single `apt-get update` per run. Returns non-zero if it cannot.
apt_install() {
  [ -n "$CAN_ROOT" ] || return 1
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ "${AS_ROOT[*]}" = "sudo" ]; then
    say "Cần quyền quản trị để cài gói Debian: $*. sudo có thể hỏi mật khẩu của bạn."
  fi
  if [ -z "$APT_UPDATED" ]; then
    say "Đang cập nhật danh sách gói apt..."
    "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  say "Đang cài gói Debian: $*"
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" || return 1
}

# --- Python ------------------------------------------------------------------

# kc_check_python: the chosen Python exists and is 3.11 or newer.
kc_check_python() {
  if ! command -v "$KC_PYTHON" >/dev/null 2>&1; then
    die "Không tìm thấy Python ('$KC_PYTHON'). Trên Debian/Ubuntu cài bằng:
    sudo apt-get update && sudo apt-get install -y python3
  rồi chạy lại lệnh này: $KC_RERUN"
  fi
  if ! "$KC_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    local version
    version="$("$KC_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo '?')"
    die "Cổng tin cần Python 3.11 trở lên, nhưng '$KC_PYTHON' là Python $version.
  Cài Python 3.11 hoặc mới hơn (ví dụ gói python3.11), rồi chạy lại với:
    PYTHON=python3.11 $KC_RERUN"
  fi
}

# kc_python_has_venv: can the chosen Python create a venv with pip in it?
# Debian and Ubuntu ship `ensurepip` in a separate package, python3.X-venv.
kc_python_has_venv() {
  "$KC_PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1
}

# kc_ensure_venv_module: install python3.X-venv with apt-get if it is missing.
kc_ensure_venv_module() {
  kc_python_has_venv && return 0
  local version pkg
  version="$("$KC_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  pkg="python$version-venv"
  if [ -n "$CAN_ROOT" ] && command -v apt-get >/dev/null 2>&1; then
    say "Python $version của máy chưa có mô-đun venv (gói $pkg): đang cài bằng apt-get..."
    if apt_install "$pkg" || apt_install python3-venv; then
      kc_python_has_venv && return 0
    fi
  fi
  if command -v apt-get >/dev/null 2>&1; then
    die "Python $version của máy thiếu mô-đun venv nên chưa tạo được môi trường ảo .venv
  (Debian và Ubuntu tách mô-đun này ra gói riêng, $pkg). Cài gói đó bằng lệnh (cần quyền quản trị):
    sudo apt-get update && sudo apt-get install -y $pkg
  (máy không có sudo: chạy 'su -' để vào quyền root, rồi: apt-get update && apt-get install -y $pkg)
  rồi chạy lại lệnh này: $KC_RERUN"
  fi
  die "Python $version ('$KC_PYTHON') thiếu mô-đun venv/ensurepip nên chưa tạo được môi trường ảo .venv.
  Hãy cài Python đầy đủ (có venv), rồi chạy lại lệnh này: $KC_RERUN"
}

# kc_venv_works DIR: DIR is a venv whose python and pip both run.
kc_venv_works() {
  [ -x "$1/bin/python" ] &&
    "$1/bin/python" -c 'import sys' >/dev/null 2>&1 &&
    "$1/bin/python" -m pip --version >/dev/null 2>&1
}

# kc_make_venv DIR: create the venv in DIR, or re-create a broken one (for
# example the half-made folder a failed `python3 -m venv` leaves behind).
kc_make_venv() {
  local dir="$1"
  kc_venv_works "$dir" && return 0
  kc_check_python
  kc_ensure_venv_module
  if [ -e "$dir" ]; then
    say "Môi trường ảo $dir hỏng hoặc dở dang: tạo lại."
    rm -rf "$dir"
  fi
  say "Đang tạo môi trường ảo $dir (bằng $("$KC_PYTHON" -c 'import sys; print(sys.executable)'))..."
  if ! "$KC_PYTHON" -m venv "$dir"; then
    rm -rf "$dir"
    die "Không tạo được môi trường ảo $dir bằng '$KC_PYTHON -m venv'. Xem lỗi ở trên."
  fi
  kc_venv_works "$dir" || die "Môi trường ảo $dir vừa tạo không chạy được pip."
}

# kc_stamp DIR PIP_ARGS...: what DIR/.kc-stamp-NAME holds once that install is
# done: a hash of the arguments, the venv's Python version and pyproject.toml.
kc_stamp() {
  local dir="$1"
  shift
  {
    printf '%s\n' "$*"
    "$dir/bin/python" --version 2>&1
    cat "$KC_ROOT/pyproject.toml"
  } | sha256sum | cut -d' ' -f1
}

# kc_pip_is_current DIR NAME PIP_ARGS...: that install is already done.
kc_pip_is_current() {
  local dir="$1" name="$2"
  shift 2
  [ -f "$dir/.kc-stamp-$name" ] && [ "$(cat "$dir/.kc-stamp-$name")" = "$(kc_stamp "$dir" "$@")" ]
}

# kc_pip_install DIR NAME PIP_ARGS...: pip install PIP_ARGS into the venv DIR,
# unless the same install (same arguments, same pyproject.toml, same Python)
# is recorded in DIR/.kc-stamp-NAME. An editable install needs no reinstall
# when the code changes, only when pyproject.toml does.
kc_pip_install() {
  local dir="$1" name="$2"
  shift 2
  kc_pip_is_current "$dir" "$name" "$@" && return 0
  rm -f "$dir/.kc-stamp-$name"
  say "Đang cài vào $dir: pip install $* (lần đầu mất 1–3 phút)..."
  (
    cd "$KC_ROOT"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$dir/bin/python" -m pip install -q "$@"
  ) || die "pip không cài được: pip install $* (cần mạng tới PyPI). Xem lỗi ở trên."
  kc_stamp "$dir" "$@" >"$dir/.kc-stamp-$name"
}

# kc_quiet_material DIR: activating the venv also sets NO_MKDOCS_2_WARNING=1,
# which hides Material for MkDocs' English end-of-life banner (README.md).
kc_quiet_material() {
  local activate="$1/bin/activate"
  [ -f "$activate" ] || return 0
  grep -qF "$KC_ACTIVATE_MARK" "$activate" && return 0
  {
    printf '\n%s (Material for MkDocs end-of-life banner, see README.md)\n' "$KC_ACTIVATE_MARK"
    printf 'export NO_MKDOCS_2_WARNING=1\n'
  } >>"$activate"
}

# kc_setup [test]: the project's venv, with the test extras if asked.
kc_setup() {
  kc_make_venv "$KC_VENV"
  if [ "${1:-}" = "test" ]; then
    kc_pip_install "$KC_VENV" test -e ".[test]"
  elif ! kc_pip_is_current "$KC_VENV" test -e ".[test]"; then
    # (The test install already includes everything the plain one has.)
    kc_pip_install "$KC_VENV" base -e .
  fi
  kc_quiet_material "$KC_VENV"
}
