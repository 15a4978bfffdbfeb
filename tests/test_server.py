"""``trialint server``: a real LSP session over stdio, as an editor holds one, with pygls's own
client against ``trialint server`` in a subprocess: what the editor is shown and offered."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from trialint.cli import build_parser, main
from trialint.finding import Span
from trialint.server.actions import FIX_ALL
from trialint.server.positions import BufferPositions

from conftest import GOOD_TEXT, REPO, TODAY, mutate, position_of

# A briefTitle with a safe misspelling after a letter beyond the Basic Multilingual Plane
# ('𝛽': one character, two UTF-16 code units) and an accented one ('è': one of each).
TITLE = "briefTitle: Exercise Training (𝛽 Study) After Knee Replacement in Genève, an Assesment"
DEFECT = mutate(("briefTitle: Exercise Training After Knee Replacement", TITLE))
TITLE_LINE = 9  # 0-based, as the protocol counts
# 'Assesment' starts at character 81 of the line: 82 UTF-16 code units, '𝛽' counting two.
START, END = 82, 91
WAIT = 20  # seconds: a generous bound on one answer, never reached when the server works


class Client(BaseLanguageClient):
    """An editor's side: what the server publishes and says, and how it exits."""

    def __init__(self) -> None:
        super().__init__("trialint-tests", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.said: asyncio.Queue[types.ShowMessageParams] = asyncio.Queue()
        self.returncode: int | None = None

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def said(params: types.ShowMessageParams) -> None:
            self.said.put_nowait(params)

    async def server_exit(self, server: asyncio.subprocess.Process) -> None:
        self.returncode = server.returncode

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        params = await asyncio.wait_for(self.published.get(), WAIT)
        assert params.uri == uri
        return list(params.diagnostics)

    def open(self, path: Path, text: str, language: str = "yaml") -> str:
        uri = from_fs_path(str(path))
        assert uri is not None
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id=language, version=1, text=text
                )
            )
        )
        return uri

    def change(self, uri: str, version: int, *changes: Any) -> None:
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=list(changes),
            )
        )

    async def actions(
        self, uri: str, where: types.Range, only: list[str] | None = None
    ) -> list[Any]:
        found = await asyncio.wait_for(
            self.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=where,
                    context=types.CodeActionContext(diagnostics=[], only=only),
                )
            ),
            WAIT,
        )
        return list(found or [])


def session(scenario: Callable[[Client], Awaitable[None]]) -> int | None:
    """Start ``trialint server``, initialize, play ``scenario``, shut down and exit; the
    server's exit code."""

    async def run() -> int | None:
        client = Client()
        await client.start_io(
            sys.executable, "-m", "trialint", "server", "--today", TODAY.isoformat()
        )
        try:
            await asyncio.wait_for(
                client.initialize_async(
                    types.InitializeParams(capabilities=types.ClientCapabilities())
                ),
                WAIT,
            )
            client.initialized(types.InitializedParams())
            await scenario(client)
            await asyncio.wait_for(client.shutdown_async(None), WAIT)
        finally:
            client.exit(None)  # after a failure too: the server then exits with code 1
            await asyncio.wait_for(client.stop(), WAIT)
        return client.returncode

    return asyncio.run(run())


def span(line: int, start: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=end),
    )


def edit_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


# What the fix layer makes of 'Assesment': one 's' more, after 'Asses'.
INSERT_S = types.TextEdit(range=span(TITLE_LINE, START + 5, START + 5), new_text="s")


def test_an_edited_record_is_judged_fixed_and_cleared(tmp_path):
    async def scenario(client: Client) -> None:
        uri = client.open(tmp_path / "NCT01234567.yaml", DEFECT)
        [shown] = await client.diagnostics(uri)
        assert (shown.range, shown.code, shown.severity, shown.source, shown.message) == (
            span(TITLE_LINE, START, END), "T001", types.DiagnosticSeverity.Warning, "trialint",
            "'Assesment' is misspelled; write 'Assessment'",
        )  # fmt: skip

        [quick_fix, fix_all] = await client.actions(uri, span(TITLE_LINE, START + 2, START + 2))
        assert (quick_fix.title, quick_fix.kind, list(quick_fix.diagnostics or [])) == (
            "T001: replace 'Assesment' with 'Assessment'", "quickfix", [shown],
        )  # fmt: skip
        assert edit_of(quick_fix, uri) == [INSERT_S]
        assert (fix_all.kind, edit_of(fix_all, uri)) == ("source.fixAll.trialint", [INSERT_S])
        # An editor running the fix-all on save asks for that kind alone, wherever the cursor.
        [on_save] = await client.actions(uri, span(0, 0, 0), only=["source.fixAll"])
        assert on_save.kind == "source.fixAll.trialint"
        assert await client.actions(uri, span(0, 0, 0), only=["quickfix"]) == []

        # The curator types the missing 's' (an incremental change): nothing left to show.
        client.change(
            uri, 2, types.TextDocumentContentChangePartial(range=INSERT_S.range, text="s")
        )
        assert await client.diagnostics(uri) == []
        assert await client.actions(uri, span(TITLE_LINE, START, END)) == []

        # The whole text, with a colon that turns the title into a mapping: the F rule's
        # finding, where the YAML reader stops, never a crash.
        broken = DEFECT.replace("in Genève, an", "in Genève: an")
        client.change(uri, 3, types.TextDocumentContentChangeWholeDocument(text=broken))
        [syntax] = await client.diagnostics(uri)
        colon = broken.split("\n")[TITLE_LINE].index(": an") + 1  # '𝛽' before it counts two
        assert (syntax.range, syntax.code, syntax.severity) == (
            span(TITLE_LINE, colon, colon + 1), "F001", types.DiagnosticSeverity.Error,
        )  # fmt: skip

        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert await client.diagnostics(uri) == []

        # Two safe fixes 35 lines apart: fixing all edits the two words, nothing between.
        second = DEFECT.replace("usual care, and", "usual care (an assesment), and")
        uri = client.open(tmp_path / "NCT01234568.yaml", second)
        assert [d.code for d in await client.diagnostics(uri)] == ["T001", "T001"]
        [fix_all] = await client.actions(uri, span(0, 0, 0), only=["source.fixAll"])
        line, column = position_of(second, "ment)")  # after "asses"
        assert edit_of(fix_all, uri) == [
            INSERT_S,
            types.TextEdit(range=span(line - 1, column - 1, column - 1), new_text="s"),
        ]

    assert session(scenario) == 0
    assert [path.name for path in tmp_path.iterdir()] == []  # the server wrote nothing


def test_a_buffer_gets_the_configuration_of_its_file(tmp_path):
    quiet = tmp_path / "legacy"
    quiet.mkdir()
    (quiet / ".trialint.toml").write_text('[severity]\nT001 = "info"\n', encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".trialint.toml").write_text("selekt = []\n", encoding="utf-8")

    async def scenario(client: Client) -> None:
        uri = client.open(quiet / "NCT01234567.yaml", DEFECT)
        [shown] = await client.diagnostics(uri)
        assert (shown.code, shown.severity) == ("T001", types.DiagnosticSeverity.Information)

        # Another JSON file of the repository, not a record: passed over, as a folder
        # search passes it over, not reported as holding no study.
        uri = client.open(tmp_path / "package.json", '{"name": "x"}', language="json")
        assert await client.diagnostics(uri) == []

        uri = client.open(broken / "NCT01234567.yaml", DEFECT)
        assert await client.diagnostics(uri) == []
        said = await asyncio.wait_for(client.said.get(), WAIT)
        assert said.type == types.MessageType.Error
        assert said.message.startswith("trialint: error: ")
        assert "selekt" in said.message
        # Said once, not at each keystroke (the code action's answer comes after anything
        # the server says about the change before it).
        client.change(uri, 2, types.TextDocumentContentChangeWholeDocument(text=GOOD_TEXT))
        assert await client.diagnostics(uri) == []
        assert await client.actions(uri, span(0, 0, 0)) == []
        assert client.said.empty()

    assert session(scenario) == 0


def test_without_pygls_the_server_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls fails, as if not installed
    monkeypatch.delitem(sys.modules, "trialint.server.protocol", raising=False)
    assert main(["server"]) == 2
    assert capsys.readouterr().err == (
        "trialint: error: trialint server needs pygls (pygls is not installed): "
        "pip install 'trialint[server]'\n"
    )


def test_positions_are_counted_in_the_units_the_client_chose():
    line = DEFECT.split("\n")[TITLE_LINE]
    assert line[81:90] == "Assesment"  # characters 81 to 90
    finding_span = Span(TITLE_LINE + 1, 82, TITLE_LINE + 1, 91)  # 1-based, as trialint counts
    expected = {"utf-16": (82, 91), "utf-8": (85, 94), "utf-32": (81, 90)}  # '𝛽' 2/4/1, 'è' 1/2/1
    for encoding, (start, end) in expected.items():
        units = PositionCodec(types.PositionEncodingKind(encoding)).client_num_units
        assert BufferPositions(DEFECT, units).range(finding_span) == span(TITLE_LINE, start, end)


def test_a_bad_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["server", "--today=2024-13-01"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("trialint: error: argument --today: not a date")


def test_the_readme_editor_settings_parse_and_start_the_server():
    section = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Editors\n")[1]
    section = section.split("\n## ", 1)[0].split("\n### Language server\n")[1]
    [vscode] = re.findall(r"```json\n(.*?)```", section, re.DOTALL)
    [helix] = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)
    [neovim] = re.findall(r"```lua\n(.*?)```", section, re.DOTALL)
    settings = json.loads(vscode)
    server = tomllib.loads(helix)["language-server"]["trialint"]
    commands = [
        [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]],
        [server["command"], *server["args"]],
        re.findall(r'"([^"]+)"', re.search(r"cmd = \{(.*?)\}", neovim)[1]),
    ]
    assert commands == [["trialint", "server"]] * 3
    assert build_parser().parse_args(["server"]).run.__name__ == "_run_server"
    assert settings["editor.codeActionsOnSave"] == {FIX_ALL: "explicit"}


def test_a_buffer_hides_what_the_default_baseline_beside_its_configuration_lists(tmp_path):
    known = tmp_path / "known"
    known.mkdir()
    (known / ".trialint.toml").write_text("", encoding="utf-8")
    (known / "NCT01234567.yaml").write_text(DEFECT, encoding="utf-8")
    written = subprocess.run(
        [sys.executable, "-m", "trialint", "baseline", "--today", TODAY.isoformat(),
         "NCT01234567.yaml"],
        cwd=known, capture_output=True, text=True, check=True,
    )  # fmt: skip
    (known / ".trialint-baseline.json").write_text(written.stdout, encoding="utf-8")

    async def scenario(client: Client) -> None:
        uri = client.open(known / "NCT01234567.yaml", DEFECT)
        assert await client.diagnostics(uri) == []  # as `trialint lint` run there says
        uri = client.open(tmp_path / "NCT01234567.yaml", DEFECT)
        assert [d.code for d in await client.diagnostics(uri)] == ["T001"]

    assert session(scenario) == 0
