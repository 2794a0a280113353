import ArgumentParser

@main
struct Driftwatch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "driftwatch",
    abstract: "Watch the inputs of deployed ML models for data drift."
  )
}
