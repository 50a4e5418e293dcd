#!/usr/bin/env python3
"""Compare `strata dockerfile parse --json` with BuildKit's parser on random Dockerfiles.

Random files are stitched together from fragments that exercise the tricky corners
(directives, escapes, continuations, heredocs, exec form, flags). Every disagreement is
printed; add the interesting ones to Tests/LayerModelTests/Fixtures/parser/cases and
re-record with scripts/dockerfile-expectations.py.

    pip install dockerfile==3.4.0
    swift build
    python3 scripts/dockerfile-differential-fuzz.py [SEED] [COUNT]
"""
import importlib.util
import json
import pathlib
import random
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
STRATA = ROOT / ".build" / "debug" / "strata"

spec = importlib.util.spec_from_file_location("expectations", ROOT / "scripts" / "dockerfile-expectations.py")
expectations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(expectations)

FRAGMENTS = [
    "FROM a", "FROM a AS b", "RUN x", "RUN <<EOF", "RUN <<-EOF", "RUN <<'E'", "EOF", "E", "\tEOF",
    "COPY <<A <<B /d/", "A", "B", "\\", "`", "# escape=`", "# syntax=x", "#", "# c", "#escape = `",
    "ENV a=b", "ENV a b c", 'ENV "a b"=c', "ENV a='x y'", "ENV a=\u00a0b", "LABEL a=b c=d", 'LABEL "a`"b"=c',
    "ARG x=1", 'ARG "x y"', 'CMD ["a"]', 'CMD ["a", 1]', "CMD [", 'CMD ["a"]]', 'CMD ["\\u00e9", "\\/"]',
    "ONBUILD RUN y", "ONBUILD", "ONBUILD ONBUILD x", "ONBUILD COPY <<EOF /x", 'HEALTHCHECK CMD ["a"]',
    "HEALTHCHECK NONE", "HEALTHCHECK --x CMD a", "COPY --from=x a b", "RUN --mount=type=cache,target=/x y",
    'RUN --x="a b" c', "RUN --a=`b c", "RUN -- x", "run lower", "copy <<EOF /y", "ExPoSe 80", "  ", "",
    "WORKDIR /a b", "USER u", 'VOLUME ["/v"]', 'SHELL ["sh"]', "RUN a \\", "RUN a `", " \\ ", "$x", "${x",
    '"', "'", 'RUN echo "<<EOF"', "RUN 2<<X cat", "RUN 3<<-\"X\" cat", "X", "\t\tX", "RUN cat <<E\"O\"F",
    "RUN <<EOF>f", "RUN <<${A:-B}", "RUN <<EOF <<-EOT", "EOT", "\tEOT", "FOO bar", "\t# indented",
    'RUN ["a",', "RUN [] x", "STOPSIGNAL 9", "MAINTAINER me", "ADD --chmod=755 a b", "RUN\u2003x", "\r",
    "ENV a=\u0301b", "RUN <<\u0301X", "\u0301X", "COPY --chown=\u00e9 a b",
]


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    if not STRATA.exists():
        sys.exit(f"build strata first: {STRATA} is missing")
    rng = random.Random(seed)
    mismatches = 0
    with tempfile.TemporaryDirectory() as folder:
        for index in range(count):
            lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 14))]
            newline = rng.choice(["\n", "\n", "\n", "\r\n"])
            text = newline.join(lines) + rng.choice(["", newline])
            path = pathlib.Path(folder) / f"case{index}.Dockerfile"
            path.write_bytes(text.encode("utf-8"))
            want = expectations.expectation(path)
            got = subprocess.run([str(STRATA), "dockerfile", "parse", "--json", str(path)], capture_output=True, text=True)
            if isinstance(want, dict):
                same = got.returncode != 0
            else:
                same = got.returncode == 0 and json.loads(got.stdout) == want
            if not same:
                mismatches += 1
                print(f"=== {text!r}\n  buildkit: {want}\n  strata:   {(got.stdout or got.stderr)[:800]}")
    print(f"{count - mismatches} agreed, {mismatches} differed (seed {seed})")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
