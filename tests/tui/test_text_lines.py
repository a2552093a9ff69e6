"""The long-text view draws each line as it is in the text (control characters visible,
never markup), scrolls to the widest line, and is what screen 6 uses past LONG_TEXT lines."""

from __future__ import annotations

from textual.app import App, ComposeResult

from planner.tui.widgets.text_lines import TextLines, line_starts


def test_line_starts() -> None:
    assert list(line_starts("")) == [0]
    assert list(line_starts("a\nbc\n")) == [0, 2, 5]


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield TextLines(id="t")


async def test_lines_drawn_as_they_are() -> None:
    text = "plain\n[bold]not markup[/]\nbell \x07 and \u202e\n" + "wide 日本" + "\nx" * 50
    app = _One()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(TextLines)
        view.show(text)
        await pilot.pause()
        assert view.line_count == text.count("\n") + 1
        assert [view.line(i) for i in range(4)] == [
            "plain",
            "[bold]not markup[/]",
            "bell \\x07 and \\u202e",
            "wide 日本",
        ]
        assert view.virtual_size.width == len("bell \\x07 and \\u202e")
        drawn = view.render_line(1)
        assert drawn.text.rstrip() == "[bold]not markup[/]"
        view.scroll_to(0, 50, animate=False)
        await pilot.pause()
        assert view.render_line(0).text.strip() == "x"
        view.show("ascii only\nthe widest line here\n")
        assert view.virtual_size == (len("the widest line here"), 3)
        view.show("日本語\nab")  # two cells a character
        assert view.virtual_size.width == 6
