import Diagnostics
import Foundation
import Liquid
import XCTest
@testable import Site

/// `_config.yml` and Jekyll's `--config` files: merging, locations of keys, and warnings
/// for keys that do nothing.
final class ConfigurationTests: XCTestCase {
    func testLaterConfigFilesOverrideKeyByKeyAndMergeMappings() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "title: Ignored\n",
            "a.yml": "title: A\nliquid:\n  strict_variables: true\n  strict_filters: true\n",
            "b.yml": "\n\ntitle: B\nliquid:\n  strict_filters: false\n",
        ], test: self)
        let layout = SiteFolders.detect(root: root)
        let files = [root.appendingPathComponent("a.yml"), root.appendingPathComponent("b.yml")]
        let config = try SiteConfiguration.load(layout: layout, overrides: .init(configFiles: files))
        XCTAssertEqual(config.title, "B")
        XCTAssertTrue(config.strictVariables, "a.yml's nested key survives b.yml's mapping")
        XCTAssertFalse(config.strictFilters)
        XCTAssertEqual(config.location(ofKey: "title"), SourceLocation(file: "b.yml", line: 3))
        XCTAssertEqual(config.location(ofKey: "liquid").file, "b.yml")
    }

    func testAMissingExplicitConfigFileIsAnError() throws {
        let root = try SiteFixture.site([:], test: self)
        let layout = SiteFolders.detect(root: root)
        XCTAssertThrowsError(try SiteConfiguration.load(layout: layout, overrides: .init(configFiles: [root.appendingPathComponent("gone.yml")]))) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "configuration file not found")
        }
    }

    func testTyposGetOneWarningEachAndUnsupportedJekyllKeysShareOne() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "titel: T\nincremental: true\nexcerpt_seperator: x\nauthor: Me\nlsi: true\nfavourite_colour: blue\n",
        ], test: self)
        // The build names the step that raised each warning: reading the configuration.
        let warnings = try SiteFixture.build(root).warnings
        XCTAssertEqual(warnings.first?.excerpt?.lines.first, "titel: T", "a warning shows its line, as an error does")
        XCTAssertEqual(warnings.map { $0.rendered.components(separatedBy: "\n")[0] }, [
            "content/_config.yml:1:1: warning: unknown key `titel`; did you mean `title`? [config]",
            "content/_config.yml:2:1: warning: Strata does not support these Jekyll settings yet, so they have no effect: `incremental`, `lsi` [config]",
            "content/_config.yml:3:1: warning: unknown key `excerpt_seperator`; did you mean `excerpt_separator`? [config]",
        ], "in the file's order")
    }

    /// The gem's own key is read by the built-in jekyll-archives (fixture `archives`).
    func testJekyllArchivesSettingsAreKnown() throws {
        let root = try SiteFixture.site(["content/_config.yml": "plugins: [jekyll-archives]\njekyll-archives:\n  enabled: all\n"], test: self)
        let config = try SiteConfiguration.load(layout: SiteFolders.detect(root: root))
        XCTAssertEqual(config.warnings.map(\.message), [])
    }

    func testBuildReportsConfigWarningsAndTheEnvironment() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "lsi: true\n",
            "content/index.html": "---\n---\n{{ jekyll.environment }}",
        ], test: self)
        let result = try SiteFixture.build(root, overrides: .init(environment: "production"))
        XCTAssertEqual(result.warnings.map(\.message), ["Strata does not support this Jekyll setting yet, so it has no effect: `lsi`"])
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "production")
    }

    func testEveryKeyStrataReadsIsKnown() {
        // A key that is both read and listed as unsupported would warn about a working setting.
        XCTAssertTrue(ConfigurationKeys.known.isDisjoint(with: ConfigurationKeys.notYetSupported))
        XCTAssertEqual(Set(ConfigurationKeys.notYetSupported).count, ConfigurationKeys.notYetSupported.count, "listed twice")
    }
}
