"""Textual's footer, with its keys made in the footer's own style.

Textual's ``FooterKey`` starts compact and then follows the footer through a data binding:
in a footer that is not compact (110 columns and more, see ``PlanScreen.on_resize``) every
key was restyled twice as it mounted (its class added, then removed), and the footer
makes all its keys again whenever the focus or the bindings change. Here each key is
given the state it would have reached before it mounts, so it is styled once; what shows
is the same (the screens' snapshots at 80 and 120 columns).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A footer whose keys start as compact as the footer is (one styling each)."""

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
