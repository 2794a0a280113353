import ArgumentParser
import DriftData
import DriftStore
import Foundation

/// `driftwatch db`: maintenance of the history database.
struct Database: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "Maintain the history database: prune, backup, vacuum, check.",
    subcommands: [Prune.self, Backup.self, Vacuum.self, Check.self]
  )

  struct Prune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete windows that ended before a time.")

    @OptionGroup var config: ConfigOption

    @Option(help: "Age of the oldest window to keep, e.g. 400d.")
    var olderThan: String

    func run() async throws {
      guard let age = TimeSpan.seconds(olderThan) else {
        throw ValidationError("--older-than takes a duration such as 400d, 12w or 36h")
      }
      let store = try StoreOpener.open(try config.load().storage.path)
      let cutoff = Int64(Date().timeIntervalSince1970) - age
      let removed = try Database.run { try store.prune(olderThan: cutoff) }
      print("pruned \(removed) windows that ended before \(Timestamp.format(cutoff))")
    }
  }

  struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Copy the database to FILE with SQLite's online backup (safe while the daemon runs).")

    @OptionGroup var config: ConfigOption

    @Argument(help: "Where to write the copy.")
    var file: String

    func run() async throws {
      let store = try StoreOpener.open(try config.load().storage.path)
      try Database.run { try store.backup(to: file) }
      print("backed up \(store.path) to \(file)")
    }
  }

  struct Vacuum: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rebuild the database file to reclaim space.")

    @OptionGroup var config: ConfigOption

    func run() async throws {
      let store = try StoreOpener.open(try config.load().storage.path)
      try Database.run { try store.vacuum() }
      print("vacuumed \(store.path)")
    }
  }

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run SQLite's integrity check.")

    @OptionGroup var config: ConfigOption

    func run() async throws {
      let store = try StoreOpener.openReadOnly(try config.load().storage.path)
      let problems = try Database.run { try store.integrityCheck() }
      if problems.isEmpty || problems == ["ok"] {
        print("ok")
      } else {
        for problem in problems { print(problem) }
        throw Exit.runtime
      }
    }
  }

  /// Runs a store operation, printing its error and exiting 3 on failure.
  static func run<T>(_ operation: () throws -> T) throws -> T {
    do {
      return try operation()
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
  }
}
