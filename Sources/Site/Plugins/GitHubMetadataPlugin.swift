import Diagnostics
import Foundation
import Liquid

/// jekyll-github-metadata (2.15), as the gem answers without a network connection: Strata
/// never calls GitHub's API, so `site.github` holds what the gem derives locally, and the keys
/// only the API fills have the values the gem gives when it cannot reach it (it checks by
/// resolving api.github.com first), which is what a reader building offline gets from Jekyll:
///
/// - the repository (`repository_nwo`) from `PAGES_REPO_NWO`, else `repository:` in
///   `_config.yml` (text with a `/`), else, in the `development` and `test` environments, the
///   `origin` remote of the git repository the site is in, when it is on the GitHub host;
/// - `environment` / `pages_env` (`PAGES_ENV`, else `JEKYLL_ENV`), `hostname`,
///   `pages_hostname` (`localhost:4000` in development), `api_url`, `help_url` from the gem's
///   `PAGES_*` variables and defaults;
/// - the URLs made from the name (`repository_url`, `owner_url`, `clone_url`, `zip_url`…),
///   `is_user_page` / `is_project_page`, `source` (branch `master` for a user page, else
///   `gh-pages`), and `url` / `baseurl` as the gem's `RepositoryCompat` forms the Pages URL
///   without the API (the `github.com/pages/OWNER/NAME` form, except with `PAGES_ENV=dotcom`);
/// - `build_revision`: `JEKYLL_BUILD_REVISION`, else `git rev-parse HEAD`;
/// - from the API, nothing: `project_tagline`, `owner_display_name`, `language`, `license`,
///   `issues_url`, `wiki_url`, `private`… are nil, `contributors`, `releases`, `latest_release`
///   false, `owner` every field nil, `versions` empty. `public_repositories` is an empty list
///   where the gem fails the build (`undefined method map for false`).
///
/// A `github:` mapping in `_config.yml` adds keys the gem has none of (its drop's own keys win,
/// as in the gem); any other `github:` value replaces `site.github`. The site's `title` falls
/// back to the repository's name (a project page) or owner, unless it sets `name:` instead;
/// in production (or with `PAGE_BUILD_ID`) `url` and an unset or `/` `baseurl` fall back to
/// the Pages URL's parts, as the gem's `SiteGitHubMunger` sets them. Without a repository the
/// gem fails at the first value that needs one; Strata gives the keys that need none, and
/// warns once.
struct GitHubMetadataPlugin: Sendable {
    static let name = "jekyll-github-metadata"

    /// The gem's `Pages` settings: the process environment with the gem's defaults.
    struct Pages {
        var variables: [String: String]
        /// `JEKYLL_ENV` as the build reads it (Strata's `jekyll.environment`).
        var jekyllEnvironment: String

        private func variable(_ key: String, _ fallback: String?) -> String? {
            if let value = variables[key], !value.isEmpty { return value }
            return fallback
        }
        private func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

        var environment: String { variable("PAGES_ENV", jekyllEnvironment) ?? "development" }
        var isTest: Bool { environment == "test" }
        var isDotcom: Bool { environment == "dotcom" }
        var isEnterprise: Bool { environment == "enterprise" }
        var customDomainsEnabled: Bool { isDotcom || isTest }
        var ssl: Bool { variable("SSL", nil) == "true" || isTest }
        var scheme: String { ssl ? "https" : "http" }
        var subdomainIsolation: Bool { variable("SUBDOMAIN_ISOLATION", nil) == "true" }
        var apiURL: String { trimmed(variable("PAGES_API_URL", variables["API_URL"]) ?? "https://api.github.com") }
        var helpURL: String { trimmed(variable("PAGES_HELP_URL", variables["HELP_URL"]) ?? "https://help.github.com") }
        var githubHostname: String { trimmed(variable("PAGES_GITHUB_HOSTNAME", variables["GITHUB_HOSTNAME"]) ?? "github.com") }
        var pagesHostname: String {
            let fallback = variables["PAGES_HOSTNAME"] ?? (environment == "development" ? "localhost:4000" : nil)
            return trimmed(variable("PAGES_PAGES_HOSTNAME", fallback) ?? "github.io")
        }
        var githubURL: String { isDotcom || githubHostname == "github.com" ? "https://github.com" : "\(scheme)://\(githubHostname)" }
        var isPageBuild: Bool { !(variables["PAGE_BUILD_ID"] ?? "").isEmpty }
    }

    /// The repository and what the gem derives from its name alone.
    struct Repository {
        var nwo: String
        var pages: Pages
        var owner: String { String(nwo.split(separator: "/", omittingEmptySubsequences: false).first ?? "") }
        var name: String { String(nwo.split(separator: "/", omittingEmptySubsequences: false).last ?? "") }

        var ownerURL: String { "\(pages.githubURL)/\(owner)" }
        var repositoryURL: String { "\(ownerURL)/\(name)" }
        var defaultUserDomain: String {
            if !pages.isEnterprise && owner == "github" { return "\(owner).\(pages.githubHostname)".lowercased() }
            if pages.isEnterprise { return pages.pagesHostname.lowercased() }
            return "\(owner).\(pages.pagesHostname)".lowercased()
        }
        var isUserPage: Bool {
            if pages.isEnterprise { return name.lowercased() == "\(owner.lowercased()).\(pages.githubHostname)" }
            return [defaultUserDomain, "\(owner).github.com".lowercased()].contains(name.lowercased())
        }
        var branch: String { isUserPage ? "master" : "gh-pages" }

        /// `RepositoryCompat#pages_url`, chomped of its last `/`: the API's `html_url` is never there.
        var htmlURL: String {
            var url: String
            if !pages.customDomainsEnabled {
                let path = isUserPage ? owner : nwo
                url = pages.subdomainIsolation ? "\(pages.scheme)://\(pages.pagesHostname)/\(path)" : "\(pages.githubURL)/pages/\(path)"
            } else {
                // No CNAME and no user repository can be looked up: the owner's default domain.
                let domain = defaultUserDomain
                let scheme = pages.isEnterprise ? pages.scheme : (owner == "github" && domain.hasSuffix(".github.com") ? "https" : "http")
                url = isUserPage ? "\(scheme)://\(domain)" : "\(scheme)://\(domain)/\(name)"
            }
            if url.hasSuffix("/") { url.removeLast() }
            return url
        }

        /// The URL's scheme and host, and its path (`baseurl`).
        var urlParts: (withoutPath: String, path: String) {
            guard let components = URLComponents(string: htmlURL) else { return (htmlURL, "") }
            var origin = components
            origin.path = ""
            return (origin.string ?? htmlURL, components.path)
        }
    }

    let pages: Pages
    let repository: Repository?
    let buildRevision: String

    /// The owner fields the gem lists, all nil without the API.
    private static let ownerFields = [
        "avatar_url", "bio", "blog", "collaborators", "company", "created_at", "description", "email", "followers", "following",
        "has_organization_projects", "has_repository_projects", "hireable", "html_url", "id", "is_verified", "location", "login",
        "name", "node_id", "public_gists", "public_repos", "type", "updated_at",
    ]

    /// The environment variables `site.github` is read from (the gem's own), for the build
    /// cache's key: a change to one builds the site again.
    static let environmentVariables = [
        "API_URL", "GITHUB_HOSTNAME", "HELP_URL", "JEKYLL_BUILD_REVISION", "PAGES_API_URL", "PAGES_ENV",
        "PAGES_GITHUB_HOSTNAME", "PAGES_HELP_URL", "PAGES_HOSTNAME", "PAGES_PAGES_HOSTNAME", "PAGES_REPO_NWO",
        "PAGE_BUILD_ID", "SSL", "SUBDOMAIN_ISOLATION",
    ]

    /// Nil when the plugin is not listed. Starts at most two git processes (`remote`, `rev-parse`).
    static func load(_ config: SiteConfiguration, root: URL, variables: [String: String] = ProcessInfo.processInfo.environment) -> GitHubMetadataPlugin? {
        guard config.pluginList.has(name) else { return nil }
        let pages = Pages(variables: variables, jekyllEnvironment: config.environment)
        var nwo = variables["PAGES_REPO_NWO"].flatMap { $0.isEmpty ? nil : $0 }
        if nwo == nil, case .string(let text)? = config.values["repository"], text.contains("/") { nwo = text }
        if nwo == nil, config.environment == "development" || config.environment == "test" {
            nwo = originRepository(git(["remote", "--verbose"], in: root) ?? "", hostname: pages.githubHostname)
        }
        let revision = variables["JEKYLL_BUILD_REVISION"] ?? (git(["rev-parse", "HEAD"], in: root) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return GitHubMetadataPlugin(pages: pages, repository: nwo.map { Repository(nwo: $0, pages: pages) }, buildRevision: revision)
    }

    /// `RepositoryFinder#nwo_from_git_origin_remote`: OWNER/NAME from the `origin` line of
    /// `git remote --verbose` when it points at the GitHub host.
    static func originRepository(_ remotes: String, hostname: String) -> String? {
        for line in remotes.split(separator: "\n") where line.hasPrefix("origin\t") {
            var url = String(line.dropFirst("origin\t".count))
            if let space = url.range(of: " (", options: .backwards) { url = String(url[..<space.lowerBound]) }
            if url.hasSuffix(".git") { url.removeLast(4) }
            let host = NSRegularExpression.escapedPattern(for: hostname)
            guard let regex = try? NSRegularExpression(pattern: "\(host)(:|/)([\\w-]+)/([\\w.-]+)"),
                  let match = regex.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)),
                  let owner = Range(match.range(at: 2), in: url), let name = Range(match.range(at: 3), in: url) else { return nil }
            return "\(url[owner])/\(url[name])"
        }
        return nil
    }

    /// `site.github`: the drop's keys, sorted as its `keys` are.
    var metadata: ValueObject {
        var keys: [(String, Value)] = [
            ("api_url", .string(pages.apiURL)), ("build_revision", .string(buildRevision)),
            ("environment", .string(pages.environment)), ("help_url", .string(pages.helpURL)),
            ("hostname", .string(pages.githubHostname)), ("pages_env", .string(pages.environment)),
            ("pages_hostname", .string(pages.pagesHostname)), ("versions", .object(ValueObject())),
        ]
        if let repository {
            let repositoryURL = repository.repositoryURL
            let owner = ValueObject(Self.ownerFields.map { ($0, Value.null) })
            keys += [
                ("archived", .null), ("baseurl", .string(repository.urlParts.path)), ("clone_url", .string(repositoryURL + ".git")),
                ("contributors", .bool(false)), ("disabled", .null), ("is_project_page", .bool(!repository.isUserPage)),
                ("is_user_page", .bool(repository.isUserPage)), ("issues_url", .null), ("language", .null), ("latest_release", .bool(false)),
                ("license", .null), ("organization_members", .null), ("owner", .object(owner)), ("owner_display_name", .null),
                ("owner_gravatar_url", .string(repository.ownerURL + ".png")), ("owner_name", .string(repository.owner)),
                ("owner_url", .string(repository.ownerURL)), ("private", .null), ("project_tagline", .null),
                ("project_title", .string(repository.name)), ("public_repositories", .array([])), ("releases", .bool(false)),
                ("releases_url", .string(repositoryURL + "/releases")), ("repository_name", .string(repository.name)),
                ("repository_nwo", .string(repository.nwo)), ("repository_url", .string(repositoryURL)), ("show_downloads", .null),
                ("source", .object(ValueObject([("branch", .string(repository.branch)), ("path", .string("/"))]))),
                ("tar_url", .string("\(repositoryURL)/tarball/\(repository.branch)")), ("url", .string(repository.htmlURL)),
                ("wiki_url", .null), ("zip_url", .string("\(repositoryURL)/zipball/\(repository.branch)")),
            ]
        }
        return ValueObject(keys.sorted { $0.0 < $1.0 })
    }

    /// The configuration with `site.github` and the gem's fallbacks for `title`, `url` and
    /// `baseurl`; a warning when no repository was found.
    func apply(to config: inout SiteConfiguration) {
        var github = metadata
        switch config.values["github"] {
        case .object(let given)?:
            for (key, value) in given.pairs where github[key] == nil { github[key] = value }
            config.values["github"] = .object(github)
        case nil, .null?:
            config.values["github"] = .object(github)
        default:
            break
        }
        guard let repository else {
            let item = PluginList.entry(Self.name, in: config)
            config.warnings.append(Diagnostic(
                .warning, location: item.location,
                message: "jekyll-github-metadata found no repository, so site.github has no repository keys: set `repository: OWNER/NAME` in _config.yml or PAGES_REPO_NWO, or add a github.com `origin` remote (Jekyll stops at the first such key a template reads)",
                source: item.source
            ))
            return
        }
        let hasName = (config.values["name"] ?? .null) != .null
        if (config.values["title"] ?? .null) == .null, !hasName {
            let title = repository.isUserPage ? repository.owner : repository.name
            config.values["title"] = .string(title)
            config.title = title
        }
        // The gem asks Jekyll's environment here, not PAGES_ENV.
        if config.environment == "production" || pages.isPageBuild {
            let parts = repository.urlParts
            if (config.values["url"] ?? .null) == .null {
                config.values["url"] = .string(parts.withoutPath)
                config.url = parts.withoutPath
            }
            if (config.values["baseurl"] ?? .null) == .null || config.values["baseurl"] == .string("/") {
                config.values["baseurl"] = .string(parts.path)
                config.baseurl = SiteConfiguration.normaliseBaseurl(parts.path)
            }
        }
    }

    /// `{% github_edit_link %}` / `{% github_edit_link "text" %}`: the page's source on GitHub,
    /// `REPOSITORY_URL/edit/BRANCH/SOURCE_PATH/PAGE_PATH`, bare or as a link; empty when
    /// `site.github` lacks a part (the gem warns and writes nothing).
    static func editLinkTag() -> CustomTag {
        CustomTag(name: "github_edit_link") { (invocation: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            let parts = ["site.github.repository_url", "site.github.source.branch", "site.github.source.path", "page.path"].map { context.variable($0)?.liquidString }
            guard let repositoryURL = parts[0], let branch = parts[1], let sourcePath = parts[2], let pagePath = parts[3] else { return "" }
            func segment(_ part: String, last: Bool = false) -> String {
                var part = part.hasPrefix("/") ? String(part.dropFirst()) : part
                if !last, !part.hasSuffix("/") { part += "/" }
                return part == "/" ? "" : part
            }
            let joined = segment(repositoryURL) + "edit/" + segment(branch) + segment(sourcePath) + segment(pagePath, last: true)
            // Addressable's `normalize`: characters a URL cannot hold percent-encoded.
            let url = joined.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["#", "%"])) ?? joined
            guard let text = linkText(invocation.markup) else { return HTMLEscaping.escape(url) }
            return "<a href=\"\(HTMLEscaping.escape(url))\">\(text)</a>"
        }
    }

    /// The gem's `LINK_TEXT_REGEX`, `"(.*)"` or `'(.*)'`, greedy as in Ruby; compiled once.
    private static let linkTextPattern = try? NSRegularExpression(pattern: #"(?:"(.*)"|'(.*)')"#)

    static func linkText(_ markup: String) -> String? {
        guard let regex = linkTextPattern,
              let match = regex.firstMatch(in: markup, range: NSRange(markup.startIndex..., in: markup)) else { return nil }
        for group in 1...2 {
            if let range = Range(match.range(at: group), in: markup) { return String(markup[range]) }
        }
        return nil
    }

    private static func git(_ arguments: [String], in folder: URL) -> String? {
        Git.output(arguments, in: folder).map { String(decoding: $0, as: UTF8.self) }
    }
}
