#!/usr/bin/env python3
"""Checks the project's Markdown: every relative link and image points at a
file that exists (an anchor, when given, at a heading of that file), and no
page points at a design document outside the repository.

Usage: check_links.py PROJECT_ROOT"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1]).resolve()
pages = sorted(root.glob("*.md")) + sorted((root / "docs").glob("**/*.md"))
link = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
outside = re.compile(r"shared/DESIGN|\bDESIGN(\.md| section)")


def anchors(page):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as '-'."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", title)))
    return found


problems = []
for page in pages:
    text = page.read_text(encoding="utf-8")
    in_code = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        where = f"{page.relative_to(root)}:{number}"
        if outside.search(line):
            problems.append(f"{where}: points at a design document outside the repository; link a page in docs/")
        for target in link.findall(line):
            if re.match(r"[a-z]+:", target):
                continue  # a URL
            path_part, _, anchor = target.partition("#")
            file = (page.parent / path_part).resolve() if path_part else page
            if not file.exists():
                problems.append(f"{where}: link to {target}: no such file")
            elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                problems.append(f"{where}: link to {target}: no heading #{anchor} in {file.name}")

for problem in problems:
    print(problem)
print(f"{len(pages)} pages checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
