#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `fstat` says about an open file that would move if anyone wrote to it: size, inode,
/// modification and status-change times (nanoseconds).
///
/// Taken before and after a read: a difference means the bytes read may mix two versions of the
/// file. The status-change time (`ctime`) moves on every write or truncation and cannot be set
/// by `touch`, but file systems stamp it from a clock that advances in ticks (a few
/// milliseconds on Linux, whole seconds on some file systems), so a write in the same tick as
/// the first `fstat` can leave every field unchanged but the size. ``settled(_:path:)`` waits
/// until the file's last change is more than a tick in the past before the read starts, after
/// which any write gets a later time stamp.
struct FileState: Equatable {
  let size: Int64
  let device: UInt64
  let inode: UInt64
  let modifiedSeconds: Int
  let modifiedNanoseconds: Int
  let changedSeconds: Int
  let changedNanoseconds: Int

  /// The state of the open file `fd`.
  init(_ fd: Int32, path: String) throws(DataError) {
    var info = stat()
    if fstat(fd, &info) != 0 {
      let reason = String(cString: strerror(errno))
      throw DataError(file: path, line: 0, column: 0, message: "cannot stat the file: \(reason)")
    }
    self.init(info)
  }

  init(_ info: stat) {
    size = Int64(info.st_size)
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    #if canImport(Darwin)
      let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
    #else
      let (modified, changed) = (info.st_mtim, info.st_ctim)
    #endif
    modifiedSeconds = Int(modified.tv_sec)
    modifiedNanoseconds = Int(modified.tv_nsec)
    changedSeconds = Int(changed.tv_sec)
    changedNanoseconds = Int(changed.tv_nsec)
  }

  /// How long after its last change a file's time stamps are trusted to move on the next
  /// write, in nanoseconds: two ticks of the clock file systems stamp from (and a millisecond),
  /// or 2.1 seconds when the file system keeps whole seconds (both time stamps end in 0
  /// nanoseconds; FAT keeps 2 s).
  var settleNanoseconds: Int {
    modifiedNanoseconds == 0 && changedNanoseconds == 0
      ? 2_100_000_000 : 2 * Self.tickNanoseconds + 1_000_000
  }

  /// The step of the coarse wall clock the kernel stamps files from (`1/HZ`: 4 ms on most
  /// Linux kernels); 10 ms where it cannot be asked.
  static let tickNanoseconds: Int = {
    #if os(Linux)
      var resolution = timespec()
      if clock_getres(CLOCK_REALTIME_COARSE, &resolution) == 0 {
        let step = Int(resolution.tv_sec) * 1_000_000_000 + Int(resolution.tv_nsec)
        if step > 0 && step < 1_000_000_000 { return step }
      }
    #endif
    return 10_000_000
  }()

  /// Nanoseconds from the file's last change to `now` (negative when the wall clock was set
  /// back).
  func age(now: timespec) -> Int {
    (Int(now.tv_sec) - changedSeconds) * 1_000_000_000 + Int(now.tv_nsec) - changedNanoseconds
  }

  /// Times the state is read again while waiting for a file that keeps changing to settle.
  static let settleAttempts = 6

  /// The state of `fd` once its last change is ``settleNanoseconds`` in the past, so that a
  /// write during the coming read moves its time stamps; waits (at most a few times the
  /// settle time) for that.
  /// - Throws: ``DataError`` naming `path` when the file keeps changing.
  static func settled(_ fd: Int32, path: String) throws(DataError) -> FileState {
    var state = try FileState(fd, path: path)
    for _ in 0..<settleAttempts {
      var now = timespec()
      clock_gettime(CLOCK_REALTIME, &now)
      let age = state.age(now: now)
      // A change stamped in the future (the clock was set back) cannot be waited out.
      if age >= state.settleNanoseconds || age < -1_000_000_000 { return state }
      let wait = max(state.settleNanoseconds - age, 1_000_000)
      usleep(UInt32(min(wait / 1000, 2_500_000)))
      let again = try FileState(fd, path: path)
      if again == state {
        // No change during a whole settle time: the next write gets a later time stamp.
        return state
      }
      state = again
    }
    throw DataError(
      file: path, line: 0, column: 0,
      message: "the file kept changing while it was being opened (\(settleAttempts) checks)",
      hint: "write data files to a temporary name and rename them into place when complete")
  }
}
