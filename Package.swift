// swift-tools-version:6.0
import PackageDescription

#if canImport(Glibc)
  import Glibc

  /// Whether the glibc this machine builds against reads packed relative relocations (DT_RELR):
  /// 2.36 and later. A binary linked with them requires `GLIBC_ABI_DT_RELR` and does not start on
  /// an older glibc, so older systems (Ubuntu 22.04, RHEL 9) link as before.
  let glibcReadsPackedRelocations: Bool = {
    var text = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count) > 0 else { return false }
    // "glibc 2.36"
    let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let version = String(decoding: bytes, as: UTF8.self).split(separator: " ").last ?? ""
    let parts = version.split(separator: ".").compactMap { Int($0) }
    guard parts.count >= 2 else { return false }
    return parts[0] > 2 || (parts[0] == 2 && parts[1] >= 36)
  }()
#else
  let glibcReadsPackedRelocations = false
#endif

let package = Package(
  name: "driftwatch",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "driftwatch", targets: ["driftwatch"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
  ],
  targets: [
    // GSL, the GNU Scientific Library, through its C headers (Debian: libgsl-dev), with
    // OpenBLAS (libopenblas-dev) as its CBLAS. No pkgConfig: `pkg-config --libs gsl` adds
    // -lgslcblas, GSL's reference CBLAS, which must not come first (module.modulemap says why).
    .systemLibrary(
      name: "CGSL",
      providers: [.apt(["libgsl-dev", "libopenblas-dev"])]
    ),
    // libcurl, for SMTP delivery, loaded with dlopen when the first email is sent (headers:
    // Debian libcurl4-openssl-dev; at run time libcurl4). Not linked: include/ccurl.h says why.
    .target(name: "CCurl"),
    // SIGBUS guard for memory-mapped input files truncated while they are read (C: the signal
    // handler must be async-signal-safe). Only DriftData uses it.
    .target(name: "CFileGuard"),
    // malloc_trim for the idle daemon (C: Swift's Glibc module does not export <malloc.h>). Only
    // DriftDaemon uses it.
    .target(name: "CMemory"),
    // Column types, baseline profiles, every test and distance. Pure: no I/O.
    .target(name: "DriftStats", dependencies: ["CGSL"]),
    // CSV / JSON Lines readers straight into typed columns; timestamps and windows.
    .target(name: "DriftData", dependencies: ["DriftStats", "CFileGuard"]),
    // YAML configuration -> validated values, errors with file:line:column.
    .target(
      name: "DriftConfig",
      dependencies: [
        "DriftStats", "DriftData",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The alert vocabulary: alert states, transitions, the decision about a window, outbox
    // notifications. Plain values with no dependency: the alert logic (DriftAlerts) decides in
    // them, the store (below DriftAlerts) persists them in the window's transaction.
    .target(name: "DriftAlertModel"),
    // SQLite history: schema, migrations, records, queries. The only target that speaks SQL.
    .target(
      name: "DriftStore",
      dependencies: [
        "DriftStats", "DriftData", "DriftAlertModel",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // Alert rules and state, the outbox dispatcher and its notifiers (webhook, email, command).
    .target(
      name: "DriftAlerts",
      dependencies: [
        "DriftStats", "DriftData", "DriftConfig", "DriftAlertModel", "DriftStore", "CCurl",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // PostgreSQL-protocol sources: connections, the SQL each mode sends, rows into columns.
    // The only target that imports the PostgreSQL client.
    .target(
      name: "DriftPostgres",
      dependencies: [
        "DriftStats", "DriftData", "DriftConfig",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Scheduler, window evaluation, services.
    .target(
      name: "DriftDaemon",
      dependencies: [
        "DriftStats", "DriftData", "DriftConfig", "DriftStore", "DriftAlerts", "DriftPostgres",
        "CMemory",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    // What the CLI prints as JSON and the HTTP API answers: one shaping of the stored values.
    .target(
      name: "DriftViews",
      dependencies: ["DriftStats", "DriftData", "DriftConfig", "DriftStore", "DriftDaemon"]
    ),
    // HTML and SVG pages of comparisons: pure, values in, text out; escapes all data text.
    // (Not named DriftReport: DriftStats has a type of that name, and a module sharing a type's
    // name breaks qualified lookups.)
    .target(name: "DriftHTML", dependencies: ["DriftStats"]),
    // The HTTP listener of `serve`: the read API, /metrics, health, auth. Reads the store only.
    .target(
      name: "DriftHTTP",
      dependencies: [
        "DriftStats", "DriftData", "DriftConfig", "DriftStore", "DriftDaemon", "DriftViews",
        "DriftHTML",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    // Benchmarks run by `make bench` (figures, not pass/fail).
    .executableTarget(
      name: "driftwatch-bench",
      dependencies: [
        "DriftStats", "DriftData", "DriftConfig", "DriftStore", "DriftDaemon", "DriftHTTP",
        "DriftHTML",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "driftwatch",
      dependencies: [
        "DriftStats",
        "DriftData",
        "DriftConfig",
        "DriftStore",
        "DriftDaemon",
        "DriftAlerts",
        "DriftPostgres",
        "DriftViews",
        "DriftHTTP",
        "DriftHTML",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      // On Linux with glibc 2.36+, lld (shipped with the toolchain) instead of the default gold,
      // for packed relative relocations (DT_RELR): the PIE's ~60,000 relative relocations take
      // 16 KB instead of 1.4 MB (.rela.dyn: 1.9 MB -> 0.43 MB of symbol relocations), which ld.so
      // reads at every start and which stayed resident in an idle daemon. docs/performance.md,
      // "Ninth round", has the figures.
      linkerSettings: glibcReadsPackedRelocations
        ? [
          .unsafeFlags(
            ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
            .when(platforms: [.linux]))
        ] : []
    ),
    .testTarget(
      name: "DriftStatsTests",
      dependencies: ["DriftStats"],
      resources: [.copy("Golden")]
    ),
    .testTarget(name: "DriftDataTests", dependencies: ["DriftData"]),
    .testTarget(name: "DriftConfigTests", dependencies: ["DriftConfig"]),
    .testTarget(name: "DriftStoreTests", dependencies: ["DriftStore"]),
    .testTarget(name: "DriftDaemonTests", dependencies: ["DriftDaemon"]),
    .testTarget(name: "DriftAlertsTests", dependencies: ["DriftAlerts"]),
    // Starts real PostgreSQL 15 servers (initdb in a temporary folder, loopback port).
    .testTarget(
      name: "DriftPostgresTests",
      dependencies: ["DriftPostgres", "DriftDaemon", "DriftConfig", "DriftStore", "DriftStats"]
    ),
    .testTarget(name: "DriftHTMLTests", dependencies: ["DriftHTML", "DriftStats"]),
    // Runs the built `driftwatch` executable as a real process.
    // The store is pre-filled through the DriftStore API where a test needs stored values
    // (e.g. a magnitude) that the evaluation cannot be made to produce.
    .testTarget(
      name: "DriftwatchCLITests",
      dependencies: [
        "driftwatch", "DriftStore", "DriftStats", "DriftData", "DriftHTTP", "DriftHTML",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer targets (`make fuzz`, see README "Fuzzing"). Their `main` hands over to libFuzzer,
// which only links with `-sanitize=fuzzer`. So they exist only when the build asks for them with
// DRIFTWATCH_FUZZ=1, and `swift build` / `swift test` never see them.
if Context.environment["DRIFTWATCH_FUZZ"] == "1" {
  package.targets += [
    .target(
      name: "FuzzSupport", dependencies: ["DriftData", "DriftStats"],
      path: "Sources/Fuzz/FuzzSupport"),
    .executableTarget(
      name: "FuzzCSV", dependencies: ["DriftData", "FuzzSupport"], path: "Sources/Fuzz/FuzzCSV"),
    .executableTarget(
      name: "FuzzJSONL", dependencies: ["DriftData", "FuzzSupport"],
      path: "Sources/Fuzz/FuzzJSONL"),
    .executableTarget(
      name: "FuzzConfig", dependencies: ["DriftConfig", "FuzzSupport"],
      path: "Sources/Fuzz/FuzzConfig"),
    .executableTarget(
      name: "FuzzPayload",
      dependencies: [
        "DriftAlerts", "DriftAlertModel", "DriftConfig", "DriftData", "DriftStats", "DriftStore",
        "FuzzSupport",
      ],
      path: "Sources/Fuzz/FuzzPayload"),
  ]
}
