import Foundation

/// A program started with `posix_spawn(3)` in its own process group, stdin and stdout/stderr
/// on pipes, with the signal state of a freshly started program.
///
/// The daemon blocks SIGTERM, SIGINT and SIGHUP in its threads (Dispatch's signal sources
/// deliver them through signalfd) and ignores SIGPIPE, and a child inherits both: a child that
/// kept them would ignore the timeout's SIGTERM until the SIGKILL two seconds later. So the
/// spawn sets an empty signal mask (`POSIX_SPAWN_SETSIGMASK`) and every signal's default action
/// (`POSIX_SPAWN_SETSIGDEF`). The process group (`POSIX_SPAWN_SETPGROUP`) lets the timeout stop
/// what the program started too (`sh -c` pipelines).
final class SpawnedChild: Sendable {
  /// The child's process id, which is also its process group id.
  let pid: pid_t
  /// Our end of the child's standard input.
  let inputDescriptor: Int32
  /// Our end of the pipe the child's standard output and error go to.
  let outputDescriptor: Int32
  /// Whether the child has exited (it may be a zombie not yet reaped); guarded by its lock.
  private let exited = LockedValue(false)

  private init(pid: pid_t, input: Int32, output: Int32) {
    self.pid = pid
    self.inputDescriptor = input
    self.outputDescriptor = output
  }

  /// A failed spawn: `posix_spawn`'s error number.
  struct LaunchError: Error {
    /// What failed, in words.
    var message: String
  }

  /// Starts `arguments[0]` (an absolute path; no shell, no PATH lookup).
  ///
  /// - Parameters:
  ///   - arguments: The program and its arguments; not empty.
  ///   - environment: The child's complete environment.
  /// - Throws: ``LaunchError`` when the pipes cannot be made or the program cannot start.
  static func start(_ arguments: [String], environment: [String: String]) throws(LaunchError)
    -> SpawnedChild
  {
    var input: [Int32] = [-1, -1]
    var output: [Int32] = [-1, -1]
    // Only the dup2 copies (0, 1, 2) survive into the child: descriptors above 2 are closed
    // by the spawn (below), and close-on-exec keeps these from other programs started now.
    // (pipe2 with O_CLOEXEC needs _GNU_SOURCE, which Swift's Glibc module does not set.)
    guard pipe(&input) == 0 else { throw LaunchError(message: errorText(errno)) }
    guard pipe(&output) == 0 else {
      let code = errno
      close(input[0])
      close(input[1])
      throw LaunchError(message: errorText(code))
    }
    for descriptor in input + output { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, output[1], 2)
    closeInheritedDescriptors(&actions)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    sigdelset(&allSignals, SIGKILL)
    sigdelset(&allSignals, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp =
      environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    close(input[0])
    close(output[1])
    guard status == 0 else {
      close(input[1])
      close(output[0])
      throw LaunchError(message: errorText(status))
    }
    return SpawnedChild(pid: pid, input: input[1], output: output[0])
  }

  /// Sends `signal` to the child's process group, unless the child has already exited (its
  /// process id could then belong to someone else once reaped).
  func signalGroup(_ signal: Int32) {
    exited.withLock { exited in
      if !exited { kill(-pid, signal) }
    }
  }

  /// Blocks until the child exits and returns its wait status (`waitpid(2)`'s `status`).
  ///
  /// Waits with `WNOWAIT` first and marks the child exited before reaping it, so
  /// ``signalGroup(_:)`` never signals a reused process id.
  func waitForExit() -> Int32 {
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    exited.withLock { $0 = true }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status
  }

  /// Adds a close action for every inherited descriptor above 2: the daemon's database,
  /// sockets and pipes are none of the child's business.
  ///
  /// glibc 2.34 and later have `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc
  /// module does not import (it needs `_GNU_SOURCE`); it is looked up at run time. Older
  /// systems get one close action per descriptor open now (`/proc/self/fd`).
  private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom =
      @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    if let symbol = dlsym(
      UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
    {
      let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
      if closeFrom(&actions, 3) == 0 { return }
    }
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
      posix_spawn_file_actions_addclose(&actions, descriptor)
    }
  }

  private static func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}

/// How a wait status (`waitpid(2)`) ended.
enum ExitStatus: Equatable, Sendable {
  /// The program exited with this code.
  case exited(Int32)
  /// A signal ended it.
  case signaled(Int32)

  /// Decodes a raw wait status (the `WIFEXITED` / `WTERMSIG` macros, which Swift cannot import).
  init(waitStatus: Int32) {
    let signal = waitStatus & 0x7f
    self = signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .signaled(signal)
  }
}
