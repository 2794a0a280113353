/// Where one alert (a monitor's rule, for one feature or the whole monitor) stands.
public enum AlertState: String, Sendable, Equatable, CaseIterable {
  /// The condition does not hold.
  case inactive
  /// The condition holds, for fewer consecutive windows than the rule's `for`.
  case pending
  /// The condition held for `for` windows and still holds.
  case firing
  /// The condition stopped holding after firing (for one window; then inactive).
  case resolved
}
