/// The Jekyll release Strata's behaviour is compared with (Debian's `jekyll` 4.3.1, which
/// `scripts/compare-with-jekyll.py` builds every fixture with). Templates see it as
/// `jekyll.version`, so a theme's `{% if jekyll.version >= "4" %}` or `site.github`-style
/// version checks take the branch they take under that Jekyll, and a feed template that prints
/// `Jekyll v{{ jekyll.version }}` prints what Jekyll would. Strata's own generator lines
/// (`{% seo %}`'s meta, jekyll-feed's `<generator>`) name Strata instead: those are about
/// which program wrote the file, this is about which behaviour a template can rely on.
enum JekyllVersion {
    static let followed = "4.3.1"
}
