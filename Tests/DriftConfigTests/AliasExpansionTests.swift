import Foundation
import Testing

@testable import DriftConfig

/// A configuration is bounded in work and memory whatever its YAML aliases do (issue 14, first
/// defect: 15 lines of anchors naming anchors ran `config check` for minutes past 3.5 GB).
@Suite struct AliasExpansionTests {
  /// Anchors nested `depth` deep, each a list of nine aliases of the one before: 9^depth values.
  static func laughs(depth: Int, asKey: Bool = false) -> String {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in 1...depth {
      let previous = "*a\(level - 1)"
      let items = Array(repeating: previous, count: 9).joined(separator: ", ")
      lines.append("a\(level): &a\(level) [\(items)]")
    }
    // As a mapping key, Yams hashes the whole expanded value to look for duplicate keys.
    lines.append(asKey ? "? *a\(depth)\n: boom" : "monitors: *a\(depth)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The problems loading `yaml` reports, and how long it took.
  static func load(_ yaml: String) throws -> (issues: [ConfigIssue], seconds: Double) {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("driftwatch.yaml", yaml)
    let clock = ContinuousClock()
    let start = clock.now
    var issues: [ConfigIssue] = []
    do {
      _ = try ConfigLoader.load(path: path, environment: [:], checkFiles: false)
    } catch {
      issues = error.issues
    }
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (issues, seconds)
  }

  @Test(arguments: [false, true])
  func aliasBombIsRefusedAtTheAliasQuickly(asKey: Bool) throws {
    let yaml = Self.laughs(depth: 8, asKey: asKey)
    #expect(yaml.split(separator: "\n").count <= 15)
    let (issues, seconds) = try Self.load(yaml)
    // Linear work on a 1 KB file; generous for a loaded machine, far below the minutes it took.
    #expect(seconds < 5, "took \(seconds) s")
    let issue = try #require(issues.first, "the bomb was accepted")
    #expect(issues.count == 1, "\(issues)")
    #expect(issue.message.contains("more than 100,000 values once its YAML aliases are expanded"))
    // Up to a4 the file holds 74,738 values; a5's first alias of a4 (66,431 more, line 6, after
    // "a5: &a5 [") crosses 100,000.
    #expect(issue.message.contains("the alias *a4 here"), "\(issue)")
    #expect(issue.line == 6, "\(issue)")
    #expect(issue.column == 10, "\(issue)")
    #expect(issue.file.hasSuffix("/driftwatch.yaml"))
  }

  /// The total counts every value once per use: the expanded tree, exactly.
  @Test func countsTheExpandedTree() {
    let yaml = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    // Values: root mapping 1, key a 1, a's list 4, key b 1, b's list 1 + 2 * 4 = 9: 16 in all.
    #expect(AliasExpansion.overflow(in: yaml, limit: 16) == nil)
    let overflow = AliasExpansion.overflow(in: yaml, limit: 15)
    #expect(overflow == AliasExpansion.Overflow(line: 2, column: 9, alias: "a"))
  }

  /// Files without aliases, and the ready alert files that use anchors, load as before.
  @Test func ordinaryAnchorsStillWork() throws {
    let yaml = """
      notifiers:
        hook: { type: command, command: [/bin/true] }
      monitors:
        - name: one
          baseline: { path: /b.csv }
          target: { files: /t/*.csv, timestamp_column: ts }
          schedule: &hourly { window: 1h, delay: 5m }
        - name: two
          baseline: { path: /b.csv }
          target: { files: /u/*.csv, timestamp_column: ts }
          schedule: *hourly
      """
    let (issues, _) = try Self.load(yaml)
    #expect(issues.isEmpty, "\(issues)")
  }

  /// A syntax error is still reported by the composer, with its own position.
  @Test func syntaxErrorsAreLeftToTheComposer() {
    #expect(AliasExpansion.overflow(in: "a: [1, 2\nb: *missing\n", limit: 100) == nil)
    #expect(AliasExpansion.overflow(in: "", limit: 0) == nil)
  }
}
