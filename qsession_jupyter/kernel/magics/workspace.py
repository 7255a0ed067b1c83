"""`%workspace`: which workspace the kernel uses, its targets, and switching."""

from __future__ import annotations

from typing import Any

from IPython.core.magic import Magics, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments

from ...views.states import enum_text
from ...views.table import Table
from .. import api, display
from ..errors import SessionError, WorkspaceError
from .common import friendly, parse, sync_workspace

COMMANDS = ("show", "targets", "local", "azure")


def describe(workspace: Any) -> str:
    from ...connection import describe_workspace

    return describe_workspace(workspace)


def targets_table(workspace: Any) -> Table:
    with api.sdk_errors("list the workspace's targets"):
        targets = workspace.get_targets()
    if not isinstance(targets, list):
        targets = [targets]
    rows = []
    for target in sorted(targets, key=lambda t: t.name):
        queue = target.average_queue_time
        rows.append(
            [
                target.name,
                target.provider_id,
                enum_text(target.current_availability) or "",
                "" if queue is None else f"{queue:g} s",
            ]
        )
    return Table(
        ["Target", "Provider", "Availability", "Average queue time"],
        rows,
        empty="This workspace offers no targets.",
    )


@magics_class
class WorkspaceMagics(Magics):
    @magic_arguments()
    @argument(
        "command",
        nargs="?",
        default="show",
        help="show (default), targets, local (switch to the local workspace) "
        "or azure (switch to the one AZURE_QUANTUM_* variables describe).",
    )
    @line_magic
    @friendly("%workspace")
    def workspace(self, line: str) -> None:
        """The kernel's Azure Quantum workspace.

        %workspace            which workspace the magics use
        %workspace targets    its targets, with availability and average queue time
        %workspace local      switch to the local (offline) workspace
        %workspace azure      switch to the Azure workspace from the environment
        """
        args = parse(self.workspace, line)
        command = args.command.lower()
        if command not in COMMANDS:
            raise SessionError(
                f"Unknown subcommand '{args.command}'. Use one of: {', '.join(COMMANDS)}."
            )
        if command in ("local", "azure"):
            return self._switch(command)
        sync_workspace(self.shell)
        workspace = api.current_workspace()
        if command == "targets":
            display.show(targets_table(workspace))
        else:
            print(f"Using the {describe(workspace)}.")

    def _switch(self, kind: str) -> None:
        from ... import connection

        try:
            if kind == "local":
                workspace = connection.local_workspace()
            else:
                workspace = connection.azure_workspace()
        except connection.WorkspaceNotConfigured as error:
            raise WorkspaceError(str(error)) from None
        except Exception as error:
            raise WorkspaceError(f"Could not reach the {kind} workspace: {error}") from None
        api.use_workspace(workspace)
        self.shell.user_ns["workspace"] = workspace
        print(f"Using the {describe(workspace)}; `workspace` now refers to it.")
