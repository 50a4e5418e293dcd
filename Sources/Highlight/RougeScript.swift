/// The worker Strata runs as `ruby -e <script>`: one long-lived process that answers one
/// JSON request per line (`{"language":…,"code":…}`) with one line, either `null` (Rouge
/// finds no lexer by that name, as `Rouge::Lexer.find_fancy` answers kramdown and Jekyll's
/// `highlight` tag) or `[[class, text], …]`: the tokens of `lexer.lex(code)` as Rouge 3's
/// HTML formatter gets them, class being the token's `shortname` (`""` for plain text).
/// The name goes to `find_fancy` as the author wrote it, so `console?lang=ruby`, `guess`
/// and Rouge's case rules (`ruby` is a lexer, `Ruby` is not) are Rouge's own.
/// It prints `ready` once Rouge is loaded, so a missing Rouge is seen at once, with a tab
/// and the real path of the `rouge.rb` it loaded: a cache of answers kept between runs is
/// good only while that file, which names the gem's version in its folder, is the same.
/// A lexer that raises (a bug in one of Rouge's lexers) gives the block as plain text:
/// Jekyll would stop the build there, and Strata's page stays readable instead.
enum RougeScript {
    static let source = #"""
begin
  require "json"
  require "rouge"
rescue LoadError
  exit 3
end
$stdin.set_encoding(Encoding::UTF_8)
$stdout.set_encoding(Encoding::UTF_8)
loaded = $LOADED_FEATURES.find { |feature| feature.end_with?("/rouge.rb") } || ""
loaded = File.realpath(loaded) if File.exist?(loaded)
$stdout.write("ready\t#{loaded}\n")
$stdout.flush
$stdin.each_line do |line|
  request = JSON.parse(line)
  code = request["code"]
  lexer = Rouge::Lexer.find_fancy(request["language"], code)
  if lexer.nil?
    $stdout.write("null\n")
  else
    runs = begin
      lexer.lex(code).map { |token, text| [token.shortname, text] }
    rescue StandardError
      [["", code]]
    end
    $stdout.write(JSON.generate(runs) + "\n")
  end
  $stdout.flush
end
"""#
}
