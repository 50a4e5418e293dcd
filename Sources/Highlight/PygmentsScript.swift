/// The worker Strata runs as `python3 -c <script>`: one long-lived process that answers
/// one JSON request per line (`{"language":…,"code":…}`) with one line, either `null`
/// (Pygments knows no such language) or `[[class, text], …]` where class is Pygments'
/// short name for the token type, the same names Rouge copied (`""` for plain text).
/// It prints `ready` once Pygments has been imported, so a missing Pygments is seen at once,
/// with a tab and the path of Pygments' `__init__.py`: a cache of answers kept between runs
/// is good only while that file, reinstalled by any upgrade, keeps its stamp.
enum PygmentsScript {
    static let source = #"""
import io, json, os, sys
try:
    import pygments
    from pygments.lexers import get_lexer_by_name
    from pygments.token import STANDARD_TYPES
    from pygments.util import ClassNotFound
except ImportError:
    sys.exit(3)
stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
lexers = {}
def lexer(name):
    if name not in lexers:
        try:
            lexers[name] = get_lexer_by_name(name, stripnl=False, ensurenl=False)
        except ClassNotFound:
            lexers[name] = None
    return lexers[name]
def short(ttype):
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    name = STANDARD_TYPES[ttype]
    return "" if name == "w" else name
stdout.write("ready\t" + os.path.realpath(pygments.__file__) + "\n")
stdout.flush()
for line in stdin:
    request = json.loads(line)
    found = lexer(request["language"])
    if found is None:
        stdout.write("null\n")
    else:
        runs = []
        for ttype, text in found.get_tokens(request["code"]):
            name = short(ttype)
            if runs and runs[-1][0] == name:
                runs[-1][1] += text
            else:
                runs.append([name, text])
        stdout.write(json.dumps(runs, ensure_ascii=False) + "\n")
    stdout.flush()
"""#
}
