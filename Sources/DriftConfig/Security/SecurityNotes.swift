/// What a load noticed that weakens security without being an error: secrets written into
/// files, password files, and TLS opt-outs. ``ConfigLoader`` turns them into
/// ``Configuration/warnings``.
///
/// A class for the same reason as ``IssueList``: the readers pass it down through many small
/// functions; one load owns one and never shares it across tasks.
final class SecurityNotes {
  /// A secret written literally into a configuration file.
  struct Secret {
    /// Where it is written.
    var position: SourcePosition
    /// Its key path, e.g. `notifiers.hook.secret`.
    var keyPath: String
  }

  /// A file named by `password_file`.
  struct PasswordFile {
    /// The absolute path.
    var path: String
    /// Where `password_file` is written.
    var position: SourcePosition
    /// Its key path.
    var keyPath: String
  }

  /// Secrets written into configuration files, in the order met.
  private(set) var secrets: [Secret] = []
  /// Password files, in the order met.
  private(set) var passwordFiles: [PasswordFile] = []
  /// Warnings decided while reading (TLS opt-outs).
  let warnings = IssueList()

  /// Records `node` as a secret when its text is written in the file rather than taken from
  /// the environment (`${VAR}`): only then does the file's mode matter.
  func secret(_ node: ConfigNode, keyPath: String) {
    guard case .scalar(let scalar) = node.content, !scalar.source.contains("${") else { return }
    secrets.append(Secret(position: node.position, keyPath: keyPath))
  }

  /// Records a `password_file`.
  func passwordFile(_ path: String, node: ConfigNode, keyPath: String) {
    passwordFiles.append(PasswordFile(path: path, position: node.position, keyPath: keyPath))
  }
}
