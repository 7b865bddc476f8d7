"""The four outputs change as one: a failure or a kill at any step leaves all old or all new."""

from __future__ import annotations

import os
import signal

import pytest

from tipgraph.graph.build.outputs import CURRENT, OUTPUT_FILES, VERSIONS, publish, read_manifest
from tipgraph.graph.cli.errors import describe_error
from tipgraph.graph.io import atomic_write

NAMES = list(OUTPUT_FILES.values())
STEPS = ("replace", "rename", "symlink", "fsync", "mkdir", "chmod")


def writers(tag):
    def write(path):
        with atomic_write(path) as handle:  # as the graph writers do
            handle.write(f"{tag} {path.name}")

    return {name: write for name in NAMES}


def seen(out):
    """The build each output a reader opens comes from."""
    return {name: (out / name).read_text(encoding="utf-8").split()[0] for name in NAMES}


class Injected(Exception):
    pass


def fail_at_step(monkeypatch, k, action):
    """Make the k-th call of any of ``STEPS`` run ``action`` instead; return the list of calls made."""
    calls = []
    for step in STEPS:
        real = getattr(os, step)

        def injected(*args, _real=real, _step=step, **kwargs):
            calls.append(_step)
            if len(calls) == k + 1:
                action()
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, step, injected)
    return calls


def raise_injected():
    raise Injected("disk gone")


def test_a_failure_at_any_step_leaves_every_output_of_the_same_build(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    publish(out, writers("old"), {"documents": 1})
    k = 0
    while True:
        calls = fail_at_step(monkeypatch, k, raise_injected)
        try:
            publish(out, writers("new"), {"documents": 2})
        except Injected:
            pass
        finally:
            monkeypatch.undo()
        builds = set(seen(out).values())
        assert len(builds) == 1, f"step {k} ({calls[-1]}): outputs of two builds side by side: {seen(out)}"
        assert not [p for p in out.rglob("*.tmp")], f"step {k}: a temporary file left behind"
        if len(calls) <= k:  # the run got past every step: it published
            assert builds == {"new"} and read_manifest(out)["documents"] == 2
            break
        publish(out, writers("old"), {"documents": 1})  # back to the old build for the next step
        k += 1
    assert k > 8, "fewer steps than writing four files takes: the injection missed some"


def test_a_kill_at_any_step_leaves_every_output_of_the_same_build_and_the_next_build_tidies(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    publish(out, writers("old"), {})
    for k in range(40):
        pid = os.fork()
        if pid == 0:  # the child is killed at step k: no cleanup runs, as with SIGKILL
            try:
                fail_at_step(monkeypatch, k, lambda: os.kill(os.getpid(), signal.SIGKILL))
                publish(out, writers("new"), {})
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        builds = set(seen(out).values())
        assert len(builds) == 1, f"killed at step {k}: outputs of two builds side by side: {seen(out)}"
        if os.WIFEXITED(status):  # it finished before step k
            assert builds == {"new"}
            break
        publish(out, writers("old"), {})  # the next build
        assert seen(out) == dict.fromkeys(NAMES, "old")
        assert len(os.listdir(out / VERSIONS)) <= 2, "the killed build's version was not removed"
        assert not [p for p in out.rglob("*.tmp")]
    else:
        pytest.fail("the publish never finished")


def test_a_folder_of_plain_files_from_an_older_build_is_switched_to_links(tmp_path):
    for name in NAMES:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    (tmp_path / "graph.html").chmod(0o600)
    publish(tmp_path, writers("new"), {})
    assert seen(tmp_path) == dict.fromkeys(NAMES, "new")
    assert all(os.readlink(tmp_path / name) == os.path.join(CURRENT, name) for name in NAMES)
    assert (tmp_path / "graph.html").stat().st_mode & 0o777 == 0o600  # kept private
    publish(tmp_path, writers("newer"), {})
    assert (tmp_path / "graph.html").stat().st_mode & 0o777 == 0o600


def test_a_folder_in_the_way_of_an_output_is_named_before_anything_is_written(tmp_path):
    publish(tmp_path, writers("old"), {})
    (tmp_path / "graph.json").unlink()
    (tmp_path / "graph.json").mkdir()
    with pytest.raises(IsADirectoryError) as raised:
        publish(tmp_path, writers("new"), {})
    assert raised.value.filename == str(tmp_path / "graph.json")
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "old graph.ttl"
    assert len(os.listdir(tmp_path / VERSIONS)) == 1


def test_only_the_current_and_the_previous_versions_are_kept(tmp_path):
    for tag in ("one", "two", "three", "four"):
        publish(tmp_path, writers(tag), {"tag": tag})
    versions = os.listdir(tmp_path / VERSIONS)
    assert len(versions) == 2
    assert read_manifest(tmp_path)["tag"] == "four" and read_manifest(tmp_path)["version"] in versions


def small_corpus(label):
    from tipgraph.extractors.records import DocumentRecord, EntityRecord, Mention
    from tipgraph.graph.resolve import resolve_corpus

    entity = EntityRecord("e1", label, "NGO", mentions=[Mention(label, 0, len(label))])
    return resolve_corpus([DocumentRecord(["note.txt"], "ab" * 32, entities=[entity])])


@pytest.mark.parametrize("fails", ["replace", "rename", "symlink"])
def test_a_build_whose_kth_rename_fails_leaves_the_four_outputs_of_one_build(tmp_path, monkeypatch, fails):
    from tipgraph.graph.build.writing import write_outputs

    write_outputs(small_corpus("Old Shelter Network"), tmp_path)
    old = {name: (tmp_path / name).read_bytes() for name in NAMES}
    for k in range(12):
        real = getattr(os, fails)
        calls: list = []

        def failing(*args, _real=real, _calls=calls, _k=k, **kwargs):
            _calls.append(args)
            if len(_calls) == _k + 1:
                raise OSError(1, "Operation not permitted", str(args[-1]))  # chattr +i on one output
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, fails, failing)
        try:
            write_outputs(small_corpus("New Shelter Network"), tmp_path)
        except OSError as error:
            assert ".tmp" not in describe_error(error), "the error names a temporary file"
        monkeypatch.undo()
        now = {name: (tmp_path / name).read_bytes() for name in NAMES}
        changed = {name for name in NAMES if now[name] != old[name]}
        assert changed in (set(), set(NAMES)), f"{fails} #{k} failed: only {sorted(changed)} replaced"
        if changed:
            break


def test_a_folder_that_cannot_hold_links_gets_plain_files_replaced_together(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")  # FAT and exFAT drives

    monkeypatch.setattr(os, "symlink", no_links)
    publish(tmp_path, writers("old"), {"documents": 3})
    publish(tmp_path, writers("new"), {"documents": 4})
    assert seen(tmp_path) == dict.fromkeys(NAMES, "new")
    assert not any((tmp_path / name).is_symlink() for name in NAMES)
    assert read_manifest(tmp_path)["documents"] == 4  # the shrink check and cache prune still know the last build


def test_a_build_that_finishes_after_a_concurrent_one_never_removes_the_current_version(tmp_path, monkeypatch):
    from tipgraph.graph.build import outputs

    publish(tmp_path, writers("one"), {})
    switch = outputs._switch

    def concurrent_build_switches_first(out_dir, version):
        switch(out_dir, version)
        if not hasattr(concurrent_build_switches_first, "done"):
            concurrent_build_switches_first.done = True  # type: ignore[attr-defined]
            publish(tmp_path, writers("two"), {})  # another build ends just after ours switched
            publish(tmp_path, writers("three"), {})

    monkeypatch.setattr(outputs, "_switch", concurrent_build_switches_first)
    publish(tmp_path, writers("mine"), {})
    assert seen(tmp_path) == dict.fromkeys(NAMES, "three"), "the current version's files were removed"
