import ArgumentParser

// Placeholder until the delivery branch's `alerts test` lands; the lead takes that file on merge.
extension Alerts {
  /// `driftwatch alerts test NOTIFIER`: not built on this branch.
  struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send a test notification through a notifier (not built yet).")

    func run() async throws {
      throw ValidationError("alerts test is not built yet")
    }
  }
}
