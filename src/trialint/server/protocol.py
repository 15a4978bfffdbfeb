"""The language server itself: pygls's, with trialint's answers to the editor's messages.

A buffer is linted when it is opened, changed (whole or in part: pygls applies the change to
its copy) or saved, and its diagnostics published with the buffer's version; closing it
clears them. Code actions are computed from the findings of the text last linted, which is the
buffer's current text. What cannot be judged (a broken configuration, an internal error) is
shown to the curator as a message, once while it lasts, and never stops the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from trialint import __version__
from trialint.config import ConfigError
from trialint.finding import Finding
from trialint.lint.baseline import BaselineError
from trialint.lint.rulepack import RulePackError
from trialint.server.actions import FIX_ALL, QUICK_FIX, code_actions
from trialint.server.diagnostics import diagnostic
from trialint.server.linting import Linted, Linters, lint_buffer
from trialint.server.positions import BufferPositions


@dataclass(frozen=True)
class _Shown:
    """What the editor was last shown for a buffer."""

    linted: Linted
    diagnostics: list[tuple[Finding, types.Diagnostic]]
    positions: BufferPositions


class TrialintServer(LanguageServer):
    def __init__(self, today: date | None) -> None:
        super().__init__("trialint", __version__)
        self.linters = Linters(today)
        self.shown: dict[str, _Shown] = {}
        # The error last shown about each buffer: shown once, not again at each keystroke.
        self._told: dict[str, str] = {}

    def lint(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        try:
            linted = lint_buffer(
                self.linters, Path(fs_path) if fs_path else None, uri, document.source
            )
        except (ConfigError, RulePackError, BaselineError) as error:
            self.shown.pop(uri, None)
            self._publish(uri, [], document.version)
            self._tell(uri, f"trialint: error: {error}")
            return
        positions = BufferPositions(linted.text, document.position_codec.client_num_units)
        shown = [(f, diagnostic(f, positions, uri)) for f in linted.findings]
        self.shown[uri] = _Shown(linted, shown, positions)
        self._publish(uri, [d for _, d in shown], document.version)
        errors = [f"trialint: error: {reason}" for reason in linted.report.error_lines()]
        self._tell(uri, "\n".join(errors) or None)

    def forget(self, uri: str) -> None:
        """Clear a closed buffer's diagnostics."""
        self.shown.pop(uri, None)
        self._told.pop(uri, None)
        self._publish(uri, [], None)

    def actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        shown = self.shown.get(uri)
        if shown is None:
            return None
        found = code_actions(
            shown.linted, shown.diagnostics, shown.positions, uri, params.range,
            params.context.only,
        )  # fmt: skip
        return found or None

    def _tell(self, uri: str, message: str | None) -> None:
        """Show an error about a buffer, unless it was the last shown about it; None: the
        buffer has none (any later error is shown)."""
        if message is None:
            self._told.pop(uri, None)
        elif self._told.get(uri) != message:
            self._told[uri] = message
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=message)
            )

    def _publish(self, uri: str, found: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        )


def build_server(today: date | None = None) -> TrialintServer:
    """The server, its answers registered; ``today`` pins the date rules about time judge by."""
    server = TrialintServer(today)

    def lint(
        ls: TrialintServer,
        params: types.DidOpenTextDocumentParams
        | types.DidChangeTextDocumentParams
        | types.DidSaveTextDocumentParams,
    ) -> None:
        ls.lint(params.text_document.uri)

    for event in (
        types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_CHANGE, types.TEXT_DOCUMENT_DID_SAVE
    ):  # fmt: skip
        server.feature(event)(lint)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TrialintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[QUICK_FIX, FIX_ALL]),
    )
    def code_action(
        ls: TrialintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        return ls.actions(params)

    return server
