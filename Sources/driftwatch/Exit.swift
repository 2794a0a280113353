import ArgumentParser

/// Exit codes shared by every subcommand (fixed in DESIGN.md).
enum Exit {
  /// Drift was found and the command was asked to fail on drift.
  static let drift = ExitCode(1)
  /// A usage or input error: bad arguments, unreadable or malformed files.
  static let input = ExitCode(2)
  /// A failure at run time that is not the input's fault.
  static let runtime = ExitCode(3)
}
