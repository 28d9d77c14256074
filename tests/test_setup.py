"""The newcomer's commands: scripts/setup.sh and scripts/common.sh (README, "Cài đặt trên máy
mới").

The apt-get, sudo, id and python3 that the scripts meet are replaced, where a case needs it,
by small stand-ins on PATH that record how they were called: a stock Debian or Ubuntu python3
without ensurepip, a user who is root, one with sudo, one with neither. Venvs and builds are
real.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

COMMON = ROOT / "scripts" / "common.sh"
SETUP = ROOT / "scripts" / "setup.sh"
PROJECT_VENV = ROOT / ".venv"
BANNER = "Material for MkDocs reaches end of life"


def _tool(bindir: Path, name: str, body: str) -> None:
    path = bindir / name
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def machine(tmp_path):
    """A stand-in Debian machine: python3 3.X without ensurepip until python3.X-venv is
    installed, and an apt-get that installs it (or fails, if told to)."""

    def make(*, uid: int, sudo: str | None, version: str = "3.11", apt_fails: bool = False):
        bindir = tmp_path / "bin"
        bindir.mkdir()
        log = tmp_path / "calls.log"
        flag = tmp_path / "venv-installed"
        _tool(bindir, "id", f'[ "$1" = "-u" ] && echo {uid} || exec /usr/bin/id "$@"\n')
        # Run as "python3": answers the scripts' two probes, nothing else.
        _tool(
            bindir,
            "python3",
            f'echo "python3 $*" >> {log}\n'
            'case " $* " in\n'
            f'  *"import ensurepip"*) [ -e {flag} ] ;;\n'
            f'  *"version_info < (3, 11)"*) [ "{version}" \\> "3.10" ] ;;\n'
            f'  *"sys.version_info[:2]"*) echo {version} ;;\n'
            "  *) exit 99 ;;\n"
            "esac\n",
        )
        _tool(
            bindir,
            "apt-get",
            f'echo "apt-get $*" >> {log}\n'
            'case " $* " in\n'
            + ('  *" install "*) exit 100 ;;\n' if apt_fails else "")
            + f'  *" install "*"python{version}-venv"*) : > {flag} ;;\n'
            "esac\n",
        )
        if sudo == "none":
            pass  # no sudo on PATH stand-in: a real one may exist, so hide it below
        elif sudo == "password":
            _tool(bindir, "sudo", f'echo "sudo $*" >> {log}\nexit 1\n')
        elif sudo == "nopasswd":
            _tool(bindir, "sudo", f'echo "sudo $*" >> {log}\n[ "$1" = "-n" ] && shift\nexec "$@"\n')
        # Only our stand-ins and the basic tools: never the machine's own sudo or apt-get.
        basics = tmp_path / "basics"
        basics.mkdir()
        for name in ["bash", "env", "cat", "rm", "grep", "dirname", "sha256sum", "cut", "true"]:
            real = shutil.which(name)
            if real:
                (basics / name).symlink_to(real)
        return {"PATH": f"{bindir}:{basics}", "log": log}

    return make


def run_common(env_path: str, call: str, rerun: str = "bash scripts/setup.sh mkdocs serve"):
    """Source common.sh in a fresh bash (stdin not a terminal) and run one of its functions."""
    script = f'KC_RERUN="{rerun}"\n. "{COMMON}"\n{call}\n'
    return subprocess.run(
        ["/bin/bash", "-c", script],
        env={"PATH": env_path, "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def calls(m) -> list[str]:
    return m["log"].read_text(encoding="utf-8").splitlines() if m["log"].exists() else []


@pytest.mark.parametrize("version", ["3.11", "3.12"])  # Debian 12, Ubuntu 24.04
def test_root_installs_the_missing_venv_package(machine, version):
    m = machine(uid=0, sudo="none", version=version)
    proc = run_common(m["PATH"], "kc_ensure_venv_module && echo DONE")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("DONE")
    apt = [c for c in calls(m) if c.startswith("apt-get")]
    assert apt[0] == "apt-get update -qq"
    assert apt[1] == f"apt-get install -y -qq --no-install-recommends python{version}-venv"
    assert len(apt) == 2


def test_passwordless_sudo_installs_it(machine):
    m = machine(uid=1000, sudo="nopasswd")
    proc = run_common(m["PATH"], "kc_ensure_venv_module && echo DONE")
    assert proc.returncode == 0, proc.stderr
    log = calls(m)
    assert "sudo -n true" in log
    assert any(
        c.startswith("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install") for c in log
    )
    assert "apt-get install -y -qq --no-install-recommends python3.11-venv" in log


@pytest.mark.parametrize("sudo", ["none", "password"])
def test_without_root_it_says_what_to_run(machine, sudo):
    m = machine(uid=1000, sudo=sudo)
    proc = run_common(m["PATH"], "kc_ensure_venv_module && echo DONE")
    assert proc.returncode == 1
    assert "DONE" not in proc.stdout
    assert not any(c.startswith("apt-get") for c in calls(m)), "no apt-get without root"
    err = proc.stderr
    assert err.startswith("LỖI: Python 3.11 của máy thiếu mô-đun venv")
    assert "sudo apt-get update && sudo apt-get install -y python3.11-venv" in err
    assert "apt-get update && apt-get install -y python3.11-venv" in err  # via su -
    assert err.rstrip().endswith("rồi chạy lại lệnh này: bash scripts/setup.sh mkdocs serve")


def test_a_failing_apt_get_is_reported(machine):
    m = machine(uid=0, sudo="none", apt_fails=True)
    proc = run_common(m["PATH"], "kc_ensure_venv_module && echo DONE")
    assert proc.returncode == 1
    assert "sudo apt-get install -y python3.11-venv" in proc.stderr
    installs = [c for c in calls(m) if " install " in c]
    # python3.11-venv, then the python3-venv meta package: both refused.
    assert [c.split()[-1] for c in installs] == ["python3.11-venv", "python3-venv"]


def test_python_older_than_3_11_is_refused(machine):
    m = machine(uid=0, sudo="none", version="3.10")
    proc = run_common(m["PATH"], "kc_check_python && echo DONE", rerun="bash scripts/test.sh")
    assert proc.returncode == 1
    assert "cần Python 3.11 trở lên" in proc.stderr and "Python 3.10" in proc.stderr
    assert "PYTHON=python3.11 bash scripts/test.sh" in proc.stderr


def test_no_python_at_all(tmp_path):
    basics = tmp_path / "basics"
    basics.mkdir()
    for name in ["bash", "id", "cat", "dirname"]:
        (basics / name).symlink_to(shutil.which(name))
    proc = run_common(str(basics), "kc_check_python && echo DONE")
    assert proc.returncode == 1
    assert "Không tìm thấy Python ('python3')" in proc.stderr
    assert "sudo apt-get install -y python3" in proc.stderr


def _real_python_path(tmp_path: Path) -> str:
    """PATH whose python3 is a real interpreter that can make venvs."""
    bindir = tmp_path / "realbin"
    bindir.mkdir()
    (bindir / "python3").symlink_to(sys.executable)
    return f"{bindir}:{os.environ['PATH']}"


def test_half_made_venv_is_made_again(tmp_path):
    """What a failed `python3 -m venv` leaves behind (no pip) is replaced by a working venv,
    and a working one is kept as it is."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /nowhere\n", encoding="utf-8")
    path = _real_python_path(tmp_path)
    proc = run_common(path, f'kc_make_venv "{venv}" && echo DONE')
    assert proc.returncode == 0, proc.stderr
    assert "hỏng hoặc dở dang: tạo lại" in proc.stdout
    pip = subprocess.run([venv / "bin" / "python", "-m", "pip", "--version"], capture_output=True)
    assert pip.returncode == 0
    marker = venv / "kept"
    marker.write_text("", encoding="utf-8")
    again = run_common(path, f'kc_make_venv "{venv}" && echo DONE')
    assert again.returncode == 0 and "tạo" not in again.stdout and marker.exists()


def test_stamp_skips_a_second_install_until_pyproject_changes(tmp_path):
    """kc_pip_install runs pip once per (arguments, Python, pyproject.toml)."""
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(COMMON, root / "scripts" / "common.sh")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    pip_log = tmp_path / "pip.log"
    # A venv python whose pip only records its arguments.
    _tool(
        venv / "bin",
        "python",
        f'if [ "$1" = "--version" ]; then echo "Python 3.11.2"; exit 0; fi\n'
        f'echo "$*" >> {pip_log}\n',
    )
    common = root / "scripts" / "common.sh"

    def install(*args: str) -> subprocess.CompletedProcess:
        quoted = " ".join(f"'{a}'" for a in args)
        return subprocess.run(
            ["bash", "-c", f'. "{common}"; kc_pip_install "{venv}" test {quoted}'],
            capture_output=True,
            text=True,
            timeout=60,
        )

    def pip_runs() -> int:
        return len(pip_log.read_text().splitlines()) if pip_log.exists() else 0

    assert install("-e", ".[test]").returncode == 0
    assert pip_runs() == 1
    assert install("-e", ".[test]").returncode == 0
    assert pip_runs() == 1, "installed twice with nothing changed"
    (root / "pyproject.toml").write_text("[project]\nname = 'y'\n", encoding="utf-8")
    assert install("-e", ".[test]").returncode == 0
    assert pip_runs() == 2, "pyproject.toml changed: must install again"
    assert install("-e", ".").returncode == 0
    assert pip_runs() == 3, "other arguments: must install again"
    assert "-m pip install -q -e ." in pip_log.read_text().splitlines()[-1]


def test_activate_hides_the_banner_once(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    activate = venv / "bin" / "activate"
    activate.write_text("# made by venv\nVIRTUAL_ENV=x\n", encoding="utf-8")
    for _ in range(2):
        proc = run_common(os.environ["PATH"], f'kc_quiet_material "{venv}"')
        assert proc.returncode == 0, proc.stderr
    text = activate.read_text(encoding="utf-8")
    assert text.count("export NO_MKDOCS_2_WARNING=1") == 1
    out = subprocess.run(
        ["bash", "-c", f'. "{activate}"; echo "[$NO_MKDOCS_2_WARNING]"'],
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "[1]"


# --- the real setup.sh, in the project's own .venv ----------------------------------------

needs_project_venv = pytest.mark.skipif(
    not (PROJECT_VENV / ".kc-stamp-test").is_file(),
    reason="the project's .venv is made by `bash scripts/test.sh`",
)


def _setup(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "VIRTUAL_ENV")}
    full.update(env)
    return subprocess.run(
        ["bash", str(SETUP), *args],
        cwd=cwd,
        env=full,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )


@needs_project_venv
def test_setup_runs_the_command_in_the_venv(tmp_path):
    probe = "import os, sys; print(sys.prefix, os.getcwd(), os.environ['NO_MKDOCS_2_WARNING'])"
    # From another folder: the command still runs in the project folder.
    proc = _setup("python", "-c", probe, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    prefix, cwd, flag = proc.stdout.split()
    assert Path(prefix) == PROJECT_VENV and Path(cwd) == ROOT and flag == "1"
    assert "Đang cài" not in proc.stdout, "nothing changed: nothing to install"


@needs_project_venv
def test_setup_alone_says_how_to_activate():
    proc = _setup()
    assert proc.returncode == 0, proc.stderr
    assert "source .venv/bin/activate" in proc.stdout


@needs_project_venv
def test_the_readme_build_command_shows_no_english_banner(tmp_path):
    """`bash scripts/setup.sh mkdocs build --strict` builds without Material's banner, which
    the same mkdocs run without NO_MKDOCS_2_WARNING does print (so this test would notice if
    the variable stopped working)."""
    site = tmp_path / "site"
    proc = _setup("mkdocs", "build", "--strict", "--site-dir", str(site))
    assert proc.returncode == 0, proc.stderr
    assert (site / "index.html").is_file()
    assert BANNER not in proc.stdout + proc.stderr
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    bare = subprocess.run(
        [str(PROJECT_VENV / "bin" / "mkdocs"), "build", "--site-dir", str(tmp_path / "bare")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert bare.returncode == 0, bare.stderr
    assert BANNER in bare.stderr
