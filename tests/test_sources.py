"""What a run checks: files as named, folders searched, each file once, in a stable order."""

from __future__ import annotations

from trialint.sources import expand


def _tree(root):
    (root / "b.yaml").write_text("x: 1\n")
    (root / "a.json").write_text("{}\n")
    (root / "notes.txt").write_text("not a record\n")
    (root / "sub").mkdir()
    (root / "sub" / "c.yml").write_text("x: 1\n")
    for skipped in (".git", "node_modules", "__pycache__"):
        (root / skipped).mkdir()
        (root / skipped / "d.yaml").write_text("x: 1\n")


def test_folders_give_their_records_files_first_then_subfolders_by_name(tmp_path):
    _tree(tmp_path)
    shown = [display for _, display in expand([str(tmp_path)]).files]
    assert shown == [str(tmp_path / name) for name in ("a.json", "b.yaml", "sub/c.yml")]


def test_a_file_named_twice_or_through_a_link_is_checked_once(tmp_path):
    _tree(tmp_path)
    (tmp_path / "sub" / "link.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "sub")  # not followed, as os.walk
    arguments = [str(tmp_path / "sub" / "c.yml"), str(tmp_path), f"{tmp_path}/./sub"]
    shown = [display for _, display in expand(arguments).files]
    assert shown == [str(tmp_path / "sub" / "c.yml"), str(tmp_path / "a.json"),
                     str(tmp_path / "b.yaml")]  # fmt: skip


def test_names_that_are_not_there_are_reported(tmp_path):
    expanded = expand([str(tmp_path / "gone.yaml"), str(tmp_path)])
    assert (expanded.files, expanded.missing) == ([], [str(tmp_path / "gone.yaml")])


def test_links_that_loop_or_dangle_do_not_stop_the_search(tmp_path):
    _tree(tmp_path)
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    shown = [display for _, display in expand([str(tmp_path)]).files]
    # The record-named links are listed: reading them reports why they cannot be read.
    assert shown == [str(tmp_path / name) for name in ("a.json", "b.yaml", "gone.yaml",
                                                        "loop.yaml", "sub/c.yml")]  # fmt: skip
