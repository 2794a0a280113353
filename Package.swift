// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "driftwatch",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "driftwatch", targets: ["driftwatch"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // GSL, the GNU Scientific Library, through its C headers (Debian: libgsl-dev).
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    // Column types, baseline profiles, every test and distance. Pure: no I/O.
    .target(name: "DriftStats", dependencies: ["CGSL"]),
    // CSV / JSON Lines readers straight into typed columns.
    .target(name: "DriftData", dependencies: ["DriftStats"]),
    .executableTarget(
      name: "driftwatch",
      dependencies: [
        "DriftStats",
        "DriftData",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "DriftStatsTests",
      dependencies: ["DriftStats"],
      resources: [.copy("Golden")]
    ),
    .testTarget(name: "DriftDataTests", dependencies: ["DriftData"]),
    // Runs the built `driftwatch` executable as a real process.
    .testTarget(name: "DriftwatchCLITests", dependencies: ["driftwatch"]),
  ],
  swiftLanguageModes: [.v6]
)
