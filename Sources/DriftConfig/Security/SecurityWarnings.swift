/// Turns a load's ``SecurityNotes`` and the files it read into warnings: secrets others may
/// read, configuration files others may change, and TLS opt-outs.
enum SecurityWarnings {
  /// Hint for a secret written into a readable configuration file.
  static let secretHint =
    "chmod 600 the file (640 if only the service's group may read it), or take the secret "
    + "from the environment: secret: ${DW_HOOK_SECRET}, with EnvironmentFile= (a root-only "
    + "file) in the systemd unit"
  /// Hint for a readable password file.
  static let passwordHint =
    "chmod 600 it; under systemd (DynamicUser) use LoadCredential=smtp:/etc/driftwatch/smtp.pass "
    + "with password_file: ${CREDENTIALS_DIRECTORY}/smtp, or password_env with EnvironmentFile="

  /// The warnings, in `files` order, then line and column.
  ///
  /// - Parameters:
  ///   - notes: What the readers recorded.
  ///   - files: Every configuration file read, main file first.
  static func warnings(notes: SecurityNotes, files: [String]) -> [ConfigIssue] {
    let issues = IssueList()
    for issue in notes.warnings.sorted(fileOrder: files) {
      issues.add(
        issue.message,
        at: SourcePosition(file: issue.file, line: issue.line, column: issue.column),
        keyPath: issue.keyPath, hint: issue.hint)
    }
    for file in files {
      guard let exposure = FileExposure(path: file) else { continue }
      if let writers = exposure.writers {
        issues.add(
          "this configuration file is writable by \(writers) (mode \(exposure.modeText)): they "
            + "can change what the daemon runs", at: SourcePosition(file: file, line: 1, column: 1),
          keyPath: "", hint: "chmod go-w \(file)")
      }
      let secrets = notes.secrets.filter { $0.position.file == file }
      if let first = secrets.first, let readers = exposure.readers {
        let keys = secrets.map(\.keyPath).joined(separator: ", ")
        issues.add(
          "this file holds a secret (\(keys)) and is readable by \(readers) "
            + "(mode \(exposure.modeText))", at: first.position, keyPath: first.keyPath,
          hint: secretHint)
      }
    }
    for passwordFile in notes.passwordFiles {
      guard let exposure = FileExposure(path: passwordFile.path),
        let readers = exposure.readers
      else { continue }
      issues.add(
        "the password file \(passwordFile.path) is readable by \(readers) "
          + "(mode \(exposure.modeText))", at: passwordFile.position,
        keyPath: passwordFile.keyPath, hint: passwordHint)
    }
    return issues.sorted(fileOrder: files)
  }
}
