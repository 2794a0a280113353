#if canImport(Glibc)
  import Glibc
#endif

/// libFuzzer's entry for programs that have their own `main` (LLVM 11 and later). SwiftPM gives
/// every executable a `main` of its own, so the targets call this instead of relying on the
/// `main` in libFuzzer's runtime.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with the process's arguments (`-max_total_time=60 corpus/` and so on).
public enum FuzzDriver {
  /// Hands the process to libFuzzer, which calls `target` once per input, and exits with its
  /// status (0 when the run ends without a finding).
  public static func run(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, target))
  }
}
