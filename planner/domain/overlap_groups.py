"""Groups of tools whose audiences overlap, found through an index of departments.

Why a module of its own: the overlap report merged each tool with every group holding a
tool it met, comparing it with every grouped tool — 96 million comparisons on a plan of
60,000 tools. Here a tool finds the groups it meets through a department -> group index
(and the groups holding a tool of no department, which meets everyone), and the groups and
their members come out in exactly the order of that pairwise merge, which the report shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.domain.plan import Tool

__all__ = ["components"]


def components(tools: Sequence[Tool]) -> list[list[Tool]]:
    """Groups of tools linked by overlapping audiences (a shared department, or a tool of
    no department, which meets everyone).

    Each tool joins every group it meets, the merged group taking the place of the newest:
    groups in the order of their latest tool, each listing its newest tool first, then the
    groups it joined in their order. Found through a department -> group index instead of
    comparing each tool with every grouped one (quadratic on a plan of 60,000 tools); a
    group is named by the position of its latest tool, and merged names lead to the new.
    """
    members: dict[int, list[Tool]] = {}  # group -> its tools, newest LAST (cheap to append)
    owner: dict[str, int] = {}  # department -> a group that has it (maybe merged since)
    merged_into: dict[int, int] = {}
    open_groups: set[int] = set()  # groups with a tool of no department: they meet anyone

    def current(group: int) -> int:
        path = []
        while group in merged_into:
            path.append(group)
            group = merged_into[group]
        for step in path:  # shortened for the next look-up
            merged_into[step] = group
        return group

    for stamp, tool in enumerate(tools):
        if tool.departments:
            found = {current(owner[d]) for d in tool.departments if d in owner}
            linked = sorted(found | open_groups)
        else:
            linked = sorted(members)
        # Newest last: the merged group reads reversed(gk) ... reversed(g1), then the tool.
        joined: list[Tool] = members.pop(linked[-1]) if linked else []
        for group in reversed(linked[:-1]):
            joined.extend(members.pop(group))
        joined.append(tool)
        members[stamp] = joined
        was_open = not tool.departments or any(g in open_groups for g in linked)
        for group in linked:
            merged_into[group] = stamp
            open_groups.discard(group)
        if was_open:
            open_groups.add(stamp)
        for department in tool.departments:
            owner[department] = stamp
    return [members[group][::-1] for group in sorted(members)]
