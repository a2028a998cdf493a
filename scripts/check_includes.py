#!/usr/bin/env python3
"""Checks that each part under src/ includes headers only from the parts docs/ARCHITECTURE.md
allows it to use (directly or through the parts it may use).

Usage: check_includes.py [REPO_ROOT]. Exit 0 when clean, 1 with one line per violation."""
import pathlib
import re
import sys

ROW = re.compile(r"^\|\s*([a-z0-9_]+)\s*\|[^|]*\|\s*([^|]*)\|")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([a-z0-9_]+)/')


def read_table(doc):
    allowed = {}
    in_table = False
    for line in doc.read_text().splitlines():
        if "parts-table" in line:
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                if allowed:
                    break
                continue
            m = ROW.match(line)
            if not m or m.group(1) == "part":
                continue
            uses = [u.strip() for u in m.group(2).split(",")]
            allowed[m.group(1)] = {u for u in uses if re.fullmatch(r"[a-z0-9_]+", u)}
    return allowed


def closure(allowed):
    full = {}
    for part in allowed:
        seen, todo = set(), list(allowed[part])
        while todo:
            dep = todo.pop()
            if dep in seen:
                continue
            seen.add(dep)
            todo.extend(allowed.get(dep, ()))
        full[part] = seen | {part}
    return full


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    allowed = read_table(root / "docs" / "ARCHITECTURE.md")
    if not allowed:
        print("check_includes: no parts table found in docs/ARCHITECTURE.md")
        return 1
    reach = closure(allowed)
    problems = []
    src = root / "src"
    for part_dir in sorted(p for p in src.iterdir() if p.is_dir()):
        part = part_dir.name
        if part not in reach:
            problems.append(f"src/{part}: not a part in docs/ARCHITECTURE.md")
            continue
        for f in sorted(part_dir.rglob("*")):
            if f.suffix not in (".hpp", ".cpp", ".h"):
                continue
            for no, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                dep = m.group(1)
                if (src / dep).is_dir() and dep not in reach[part]:
                    rel = f.relative_to(root)
                    problems.append(f"{rel}:{no}: {part} may not include {dep} ({line.strip()})")
    for p in problems:
        print(p)
    if problems:
        print(f"check_includes: {len(problems)} forbidden include(s)")
        return 1
    print(f"check_includes: {len(reach)} parts, all includes allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
