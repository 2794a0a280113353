import Foundation
import FuzzSupport

// libFuzzer target for the YAML configuration loader. Build and run with `make fuzz`
// (CONTRIBUTING.md, "Fuzzing").
@testable import DriftConfig

/// A scratch directory made once per process: the fuzzed file is written to `main.yaml` in it,
/// next to one file it may include, and includes cannot leave it (``ConfigLoader``'s
/// `includeRoot`). Nothing else on disk is read: `checkFiles` is off and the environment is fixed.
private let scratch: String = {
  var template = Array("/tmp/driftwatch-fuzz-config-XXXXXX".utf8CString)
  guard let made = mkdtemp(&template) else { fatalError("cannot create a scratch directory") }
  let root = String(cString: made)
  let rules = """
    notifiers:
      hook: { type: webhook, url: "http://127.0.0.1:9/hook", secret: "${DW_SECRET}" }
    defaults:
      alerts:
        - { name: drift, when: feature_drifted, notify: [hook] }

    """
  try? FileManager.default.createDirectory(
    atPath: root + "/alerts", withIntermediateDirectories: true)
  FileManager.default.createFile(atPath: root + "/alerts/rules.yaml", contents: Data(rules.utf8))
  return root
}()

/// A value only the environment holds: no message may ever show it.
private let secret = "fz-Secret-4q7Lw2x9"

/// The environment `${VAR}` sees.
private let environment = [
  "DW_SECRET": secret, "STATE_DIRECTORY": "/nonexistent/state", "EMPTY": "", "HOME": "/nonexistent",
]

/// Values in `node`'s tree, counting stops once past `limit`.
private func valueCount(_ node: ConfigNode, limit: Int) -> Int {
  var count = 1
  var pending = [node]
  while let next = pending.popLast(), count <= limit {
    switch next.content {
    case .sequence(let items):
      count += items.count
      pending += items
    case .mapping(let entries):
      count += entries.count * 2
      pending += entries.map(\.value)
    default: break
    }
  }
  return count
}

/// The longest one input may take: the loader is linear in its input (a few KB), so anything
/// near this is a blow-up (libFuzzer's -timeout in scripts/fuzz/run.sh catches hangs).
private let secondsPerInput: Double = 2

/// One fuzz input: the configuration file's bytes.
///
/// Properties checked besides "no crash": every problem names a file inside the scratch
/// directory with a line and column (or 0 for a whole-file problem) and a message; no message,
/// hint or key path contains the secret environment value unless the input itself holds it;
/// the parsed tree holds no more values than ``AliasExpansion/limit`` whatever the aliases do,
/// and one input takes less than ``secondsPerInput`` (memory per input is bounded by
/// libFuzzer's -rss_limit_mb and -malloc_limit_mb in scripts/fuzz/run.sh).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Data(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
  let path = scratch + "/main.yaml"
  guard FileManager.default.createFile(atPath: path, contents: bytes) else {
    fatalError("cannot write \(path)")
  }
  let clock = ContinuousClock()
  let start = clock.now
  defer {
    let elapsed = (clock.now - start).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    precondition(seconds < secondsPerInput, "one input took \(seconds) s: a blow-up")
  }
  if let text = String(data: bytes, encoding: .utf8),
    let root = ConfigNode.parse(
      yaml: text, file: path, interpolation: EnvironmentInterpolation(environment: environment),
      issues: IssueList())
  {
    let count = valueCount(root, limit: AliasExpansion.limit)
    precondition(count <= AliasExpansion.limit, "the tree holds more than the limit's values")
  }
  do {
    let configuration = try ConfigLoader.load(
      path: path, environment: environment, checkFiles: false, includeRoot: scratch)
    precondition(configuration.files.first == path, "the main file is not listed first")
  } catch {
    let holdsSecret = bytes.range(of: Data(secret.utf8)) != nil
    precondition(!error.issues.isEmpty, "a ConfigError without issues")
    for issue in error.issues {
      precondition(issue.file.hasPrefix(scratch + "/"), "issue outside the scratch: \(issue)")
      precondition(issue.line >= 0 && issue.column >= 0 && !issue.message.isEmpty, "\(issue)")
      if !holdsSecret {
        precondition(!issue.description.contains(secret), "secret in a message: \(issue)")
        precondition(!issue.keyPath.contains(secret), "secret in a key path: \(issue)")
      }
    }
  }
  return 0
}

/// Runs libFuzzer on ``fuzzConfig(_:_:)``.
@main
enum FuzzConfigMain {
  static func main() {
    FuzzDriver.run(fuzzConfig)
  }
}
