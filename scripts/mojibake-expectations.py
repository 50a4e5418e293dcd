#!/usr/bin/env python3
"""Writes Tests/SiteTests/Fixtures/mojibake/expectations.json: strings mis-encoded the
ways blogs get them (UTF-8 read as Windows-1252 or Latin-1 and saved again, once or
twice) and valid text that merely looks odd, each with what PyPI's ftfy (fix_encoding)
makes of it. The Swift tests hold Strata's detector to the same repairs.

Usage: python3 scripts/mojibake-expectations.py [--check]   (needs `pip install ftfy`)
--check compares with the committed file instead of writing it.
"""
import json
import sys
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252

CLEAN = [
    "→", "😕", "¯\\_(ツ)_/¯", "café", "naïve résumé", "“quoted” — and – dashes", "it’s", "wait…",
    "Привет, мир", "日本語のテキスト", "€100", "Ω and π", "İstanbul", "Straße", "Ærøskøbing", "ñandú",
    "👍🏽", "中文字符", "😀 grinning", "a • b", "© 2021 ™", "½ cup", "Zürich", "Čeština", "ελληνικά",
]
VALID = [
    "ÂNGULO", "Ângulo agudo", "Fuß…", "voilà…", "São Paulo", "à « bientôt »", "Ça va?", "ÉCOLE",
    "TÊTE-À-TÊTE", "Ö", "naïve", "2×3", "AÇÃO", "Ñandú", "¿Qué?", "¡Olé!", "déjà vu", "Øresund",
]


def mangle(text, codec, times):
    for _ in range(times):
        text = text.encode("utf-8").decode(codec)
    return text


def cases():
    out = []
    for clean in CLEAN:
        for codec, label in (("sloppy-windows-1252", "windows-1252"), ("latin-1", "latin-1")):
            for times in (1, 2):
                mangled = mangle(clean, codec, times)
                out.append({"clean": clean, "mangled": mangled, "how": f"{label} x{times}", "ftfy": ftfy.fix_encoding(mangled)})
    for text in VALID:
        out.append({"clean": text, "mangled": text, "how": "valid", "ftfy": ftfy.fix_encoding(text)})
    return {"ftfy": ftfy.__version__, "cases": out}


def main():
    target = Path(__file__).resolve().parent.parent / "Tests/SiteTests/Fixtures/mojibake/expectations.json"
    text = json.dumps(cases(), ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        if target.read_text(encoding="utf-8") != text:
            sys.exit(f"{target} differs from what ftfy {ftfy.__version__} gives now; re-run without --check and review")
        print(f"mojibake expectations match ftfy {ftfy.__version__}")
        return
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")


main()
