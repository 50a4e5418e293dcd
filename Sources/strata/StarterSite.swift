import Foundation

/// The site `strata new site` writes: Strata's layout (content/, templates/, assets/) with
/// the bundled theme, a config in the writer's time zone, one post that draws a sample
/// Dockerfile with the `layers` tag, and a .gitignore for the build's outputs.
enum StarterSite {
    /// Site-relative path → text, for a site created at `now` in `zone`.
    static func files(now: Date, zone: TimeZone) -> [(path: String, text: String)] {
        let day = PostDates.day(now, zone: zone)
        return theme + [
            (".gitignore", "_site/\n.strata-cache/\n._site.strata-*/\n"),
            ("content/_config.yml", config(zone: zone)),
            ("content/_posts/\(day)-welcome-to-strata.md", welcomePost(date: PostDates.frontMatter(now, zone: zone))),
            ("content/dockerfiles/hello/Dockerfile", dockerfile),
            ("content/dockerfiles/hello/app.py", "print(\"Hello from a container\")\n"),
        ]
    }

    static func config(zone: TimeZone) -> String {
        """
        # Site settings: every key is also available to templates as `site.KEY`.
        title: My Strata site
        description: Notes explained with pictures drawn from real Dockerfiles.
        author: Me
        url: "https://example.com"
        baseurl: ""
        permalink: date
        excerpt_separator: "<!--more-->"
        timezone: \(zone.identifier)
        # Dockerfiles are read by the diagram tags, not published.
        exclude:
          - dockerfiles
        # The theme's <head> uses {% seo %} and {% feed_meta %}.
        plugins:
          - jekyll-seo-tag
          - jekyll-feed
        archives:
          layout: archive
          categories: /categories/:name/
          tags: /tags/:name/

        """
    }

    static func welcomePost(date: String) -> String {
        """
        ---
        layout: post
        title: "Welcome to Strata"
        date: \(date)
        categories: [notes]
        ---

        This post lives in `content/_posts/`. Edit it while `strata serve` runs and the page
        reloads by itself. Write the next one with `strata new post "A title"`.

        <!--more-->

        ## A picture from a Dockerfile

        The diagram below is drawn from `content/dockerfiles/hello/Dockerfile` at build time:
        change the Dockerfile and the picture follows.

        {% layers "dockerfiles/hello/Dockerfile" view="stack" caption="The hello image: its own layers (the /app folder, then app.py) on top of python:3.12-slim, drawn as one box until a catalogue describes it." %}

        ## Checking before publishing

        `strata check` finds links and anchors that lead nowhere, images without alt text and
        text that was saved in the wrong encoding.

        """
    }

    static let dockerfile = """
        FROM python:3.12-slim
        WORKDIR /app
        COPY app.py .
        CMD ["python", "app.py"]

        """
}

/// Dates as posts carry them: in file names (`2021-03-07`) and front matter
/// (`2021-03-07 10:30:00 +0100`), both in the site's time zone.
enum PostDates {
    static func day(_ date: Date, zone: TimeZone) -> String {
        format(date, zone: zone, pattern: "yyyy-MM-dd")
    }

    static func frontMatter(_ date: Date, zone: TimeZone) -> String {
        format(date, zone: zone, pattern: "yyyy-MM-dd HH:mm:ss Z")
    }

    private static func format(_ date: Date, zone: TimeZone, pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
