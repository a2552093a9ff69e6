"""Textual's footer, with its keys made in the footer's own style, and made again only
when what they show changed.

Textual's ``FooterKey`` starts compact and then follows the footer through a data binding:
in a footer that is not compact (110 columns and more, see ``PlanScreen.on_resize``) every
key was restyled twice as it mounted (its class added, then removed). Here each key is
given the state it would have reached before it mounts, so it is styled once; what shows
is the same (the screens' snapshots at 80 and 120 columns).

Textual's footer also makes all its keys again (mounts, styles and lays them out) whenever
the screen publishes that its bindings were updated, which it does on every focus change
and every ``refresh_bindings``; most of those leave the keys as they were (about nine in
ten over the TUI tests' runs). The footer here remembers what its keys were made from and
skips the rebuild when that is unchanged.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A footer whose keys start as compact as the footer is (one styling each), made again
    only when the bindings they show changed."""

    _made_from: Any = None  # what the keys on show were made from (see _source)

    def _source(self) -> Any:
        """Everything :meth:`Footer.compose` reads: the screen's active bindings (each with
        whether it is enabled and its tooltip) and the footer's two options."""
        if not self._bindings_ready:
            return None
        bindings = tuple((b, on, tip) for _, b, on, tip in self.screen.active_bindings.values())
        return bindings, self.compact, self.show_command_palette

    async def recompose(self) -> None:
        source = self._source()
        if source is not None and source == self._made_from:
            return
        self._made_from = source
        await super().recompose()

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key bound to the footer follows it; the command palette's key is not
                # bound and stays compact, Textual's default.
                bound = "compact" in (getattr(widget, "_reactive_connect", None) or {})
                compact = self.compact if bound else widget.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
