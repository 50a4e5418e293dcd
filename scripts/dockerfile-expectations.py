#!/usr/bin/env python3
"""Record what BuildKit's own Dockerfile parser says about every parser fixture.

For each Tests/LayerModelTests/Fixtures/parser/cases/NAME.Dockerfile this writes
Tests/LayerModelTests/Fixtures/parser/expected/NAME.json, in the shape that
`strata dockerfile parse --json` prints (or {"error": message} when the official parser
rejects the file). The Swift tests compare Strata's parser with these files, so Python
is only needed to re-record them:

    pip install dockerfile==3.4.0
    python3 scripts/dockerfile-expectations.py          # rewrite the expectations
    python3 scripts/dockerfile-expectations.py --check  # fail if any is out of date
"""
import json
import pathlib
import sys

try:
    import dockerfile
except ImportError:
    sys.exit("needs the PyPI package that wraps BuildKit's parser: pip install dockerfile==3.4.0")

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "LayerModelTests" / "Fixtures" / "parser"


def entry(command):
    out = {
        # The wrapper reports an empty instruction name (a lone escape line) as None.
        "name": (command.cmd or "").lower(),
        "args": list(command.value),
        "flags": list(command.flags),
        "json": bool(command.json),
        "startLine": command.start_line,
        "endLine": command.end_line,
        "original": command.original or "",
    }
    if command.sub_cmd:
        out["subCmd"] = command.sub_cmd.lower()
    if command.heredocs:
        out["heredocs"] = [
            {"name": h.name, "fileDescriptor": h.file_descriptor, "content": h.content}
            for h in command.heredocs
        ]
    return out


def expectation(path):
    try:
        return [entry(c) for c in dockerfile.parse_file(str(path))]
    except dockerfile.GoParseError as error:
        return {"error": str(error)}


def main():
    check = "--check" in sys.argv[1:]
    cases = sorted((FIXTURES / "cases").glob("*.Dockerfile"))
    if not cases:
        sys.exit(f"no fixtures under {FIXTURES / 'cases'}")
    (FIXTURES / "expected").mkdir(exist_ok=True)
    stale = []
    for case in cases:
        text = json.dumps(expectation(case), indent=2, ensure_ascii=False) + "\n"
        target = FIXTURES / "expected" / (case.name[: -len(".Dockerfile")] + ".json")
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        sys.exit("out of date: " + ", ".join(stale))
    print(f"{len(cases)} expectations {'checked' if check else 'written'}")


if __name__ == "__main__":
    main()
