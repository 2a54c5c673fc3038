"""``--cpu-report``: where the suite's CPU goes (a pytest plugin, loaded by tests/conftest.py).

Wall time on a shared 2-core machine says little; CPU seconds (user+sys of the test process and of the
children it waited for, from ``getrusage``) say what a test costs whatever the load. Per test phase
(setup/call/teardown) and per fixture setup, each xdist worker measures its own process and sends the
numbers to the controller on the reports, which prints the top consumers by file, by test and by fixture.
A fixture's figure is its own setup, fixtures it requested excluded. CPU of a thread that outlives its
test (a server a fixture left running) counts for whichever test runs meanwhile."""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from collections.abc import Generator
from typing import Any

import pytest

TOP = 25


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("cpu-report").addoption(
        "--cpu-report", action="store_true", default=False,
        help="print the CPU seconds (user+sys, children included) spent per file, test and fixture")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--cpu-report"):
        config.pluginmanager.register(CpuReport(config), "cpu-report")


class CpuReport:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.started = _cpu()
        self.wall = time.monotonic()
        self.collected_at: float | None = None
        self.by_phase: dict[tuple[str, str], float] = {}  # (nodeid, phase) -> seconds
        self.by_fixture: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])  # name -> [seconds, setups]
        self.pending_fixtures: list[tuple[str, float]] = []  # this worker's, until the next report
        self.fixture_stack: list[float] = []  # CPU of the fixtures set up inside the one being set up
        self.workers: list[tuple[float, float]] = []  # (collection, total) per xdist worker

    # -- measuring (in each worker, or in the only process) ---------------------------------------
    def pytest_collection_finish(self) -> None:
        self.collected_at = _cpu() - self.started

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any]) -> Generator[None, None, None]:
        start = _cpu()
        self.fixture_stack.append(0.0)
        yield
        nested = self.fixture_stack.pop()
        spent = _cpu() - start
        if self.fixture_stack:
            self.fixture_stack[-1] += spent
        scope = "" if fixturedef.scope == "function" else f" ({fixturedef.scope})"
        where = fixturedef.baseid.split("::")[0] or "plugin"
        self.pending_fixtures.append((f"{fixturedef.argname}{scope} [{where}]", spent - nested))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self) -> Generator[None, None, None]:
        self._phase_start = _cpu()
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self) -> Generator[None, None, None]:
        self._phase_start = _cpu()
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self) -> Generator[None, None, None]:
        self._phase_start = _cpu()
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
        outcome = yield
        report = outcome.get_result()
        report.cpu_seconds = _cpu() - self._phase_start  # serialised to the xdist controller with the report
        report.cpu_fixtures = self.pending_fixtures
        self.pending_fixtures = []

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput["cpu_report"] = [self.collected_at or 0.0, _cpu() - self.started]

    # -- gathering (in the controller, or in the only process) --------------------------------------
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        seconds = getattr(report, "cpu_seconds", None)
        if seconds is None:
            return
        self.by_phase[(report.nodeid, report.when)] = seconds
        for name, spent in getattr(report, "cpu_fixtures", []):
            self.by_fixture[name][0] += spent
            self.by_fixture[name][1] += 1

    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        numbers = getattr(node, "workeroutput", {}).get("cpu_report")
        if numbers:
            self.workers.append((numbers[0], numbers[1]))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        write = terminalreporter.write_line
        if getattr(self.config, "workerinput", None) is not None:
            return
        if not self.workers:
            self.workers.append((self.collected_at or 0.0, _cpu() - self.started))
        tests = sum(self.by_phase.values())
        write("")
        terminalreporter.section("CPU report (user+sys seconds, children included)")
        for i, (collection, total) in enumerate(self.workers):
            write(f"process {i}: {total:7.1f} s in all, {collection:5.1f} s to start and collect")
        write(f"all tests: {tests:.1f} s (setup {self._sum('setup'):.1f}, call {self._sum('call'):.1f}, "
              f"teardown {self._sum('teardown'):.1f}); wall {time.monotonic() - self.wall:.0f} s")
        by_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        by_test: dict[str, float] = defaultdict(float)
        for (nodeid, when), seconds in self.by_phase.items():
            by_file[nodeid.split("::")[0]][("setup", "call", "teardown").index(when)] += seconds
            by_test[nodeid] += seconds
        write(f"\ntop {TOP} files:            total   setup    call  teardown")
        for name, (s, c, t) in sorted(by_file.items(), key=lambda kv: -sum(kv[1]))[:TOP]:
            write(f"{s + c + t:8.1f} {s:7.1f} {c:7.1f} {t:7.1f}  {name}")
        write(f"\ntop {TOP} tests:")
        for name, seconds in sorted(by_test.items(), key=lambda kv: -kv[1])[:TOP]:
            write(f"{seconds:8.1f}  {name}")
        write(f"\ntop {TOP} fixtures (own setup, fixtures they requested excluded):   setups")
        for name, (seconds, count) in sorted(self.by_fixture.items(), key=lambda kv: -kv[1][0])[:TOP]:
            write(f"{seconds:8.1f} {int(count):6d}  {name}")

    def _sum(self, when: str) -> float:
        return sum(seconds for (_, phase), seconds in self.by_phase.items() if phase == when)
