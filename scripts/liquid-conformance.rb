#!/usr/bin/env ruby
# Computes the expected output of every conformance case with the real engines (Debian's ruby-liquid 5.4 and
# jekyll 4.3) and writes <group>.expected.json next to each <group>.json case file.
#
#   ruby scripts/liquid-conformance.rb [Tests/LiquidTests/Fixtures/conformance]
#
# "liquid" cases run in a child process that loads only Liquid (Jekyll replaces some filters and tags globally);
# A group's "options" may set strict_variables, timezone (as TZ, which is what Jekyll's `timezone` sets) and error_mode
# (Liquid's, `strict` unless set; under `warn` the expectation also counts the warnings Liquid collected). "jekyll" cases run with Jekyll loaded, inside a throwaway site whose _includes hold the case's includes.
require "json"
require "tmpdir"
require "fileutils"

ENV["TZ"] = "UTC"
DIR = ARGV[0] || File.expand_path("../Tests/LiquidTests/Fixtures/conformance", __dir__)
GROUPS = Dir[File.join(DIR, "*.json")].reject { |f| f.end_with?(".expected.json") }.sort

def outcome
  { "output" => yield }
rescue StandardError => e
  { "error" => e.message.to_s.lines.first.to_s.strip }
end

def error_mode(group)
  ((group["options"] || {})["error_mode"] || "strict").to_sym
end

# The case's outcome, with the number of warnings the parse collected when the group runs under `warn`.
def parse_and_render(group, text)
  template = nil
  result = outcome do
    template = Liquid::Template.parse(text, error_mode: error_mode(group), line_numbers: true)
    yield template
  end
  result["warnings"] = template ? template.warnings.size : 0 if error_mode(group) == :warn
  result
end

# Liquid's file-system interface over a case's "includes", so Liquid's own `include 'name'` can be checked too.
class CaseFileSystem
  def initialize(files)
    @files = files
  end

  def read_template_file(path)
    @files.fetch(path) { raise Liquid::FileSystemError, "No such template '#{path}'" }
  end
end

def liquid_results(group)
  ENV["TZ"] = (group["options"] || {})["timezone"] || "UTC"
  group["cases"].map do |c|
    data = group["data"].merge(c["data"] || {})
    parse_and_render(group, c["t"]) do |template|
      strict_variables = (group["options"] || {})["strict_variables"] || false
      template.render!(data, strict_filters: true, strict_variables: strict_variables,
                             registers: { file_system: CaseFileSystem.new(c["includes"] || {}) })
    end
  end
end

def jekyll_results(group)
  ENV["TZ"] = (group["options"] || {})["timezone"] || "UTC"
  group["cases"].map do |c|
    data = group["data"].merge(c["data"] || {})
    Dir.mktmpdir("strata-liquid") do |dir|
      (c["includes"] || {}).each do |name, text|
        path = File.join(dir, "_includes", name)
        FileUtils.mkdir_p(File.dirname(path))
        File.write(path, text)
      end
      site_config = data["site"] || {}
      config = Jekyll.configuration("source" => dir, "destination" => File.join(dir, "_site"), "quiet" => true,
                                    "baseurl" => site_config["baseurl"], "url" => site_config["url"])
      site = Jekyll::Site.new(config)
      parse_and_render(group, c["t"]) do |template|
        template.render!(data, registers: { site: site, page: {} }, strict_filters: true)
      end
    end
  end
end

loaded = GROUPS.map { |f| [f, JSON.parse(File.read(f))] }

reader, writer = IO.pipe
pid = fork do
  reader.close
  require "liquid"
  results = loaded.select { |_, g| g["mode"] == "liquid" }.map { |f, g| [f, liquid_results(g)] }.to_h
  writer.write(JSON.generate(results))
  writer.close
  exit!(0)
end
writer.close
liquid = JSON.parse(reader.read)
Process.wait(pid)
abort "liquid child failed" unless $?.success?

$stderr.reopen(File::NULL) # Jekyll logs configuration chatter
require "jekyll"
loaded.each do |file, group|
  results = group["mode"] == "liquid" ? liquid.fetch(file) : jekyll_results(group)
  expected = group["cases"].zip(results).map { |c, r| { "t" => c["t"] }.merge(r) }
  File.write(file.sub(/\.json\z/, ".expected.json"), JSON.pretty_generate(expected) + "\n")
  puts "#{File.basename(file)}: #{expected.size} cases, #{expected.count { |e| e.key?('error') }} errors"
end
