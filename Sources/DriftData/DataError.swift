/// Placeholder replaced by the reader work.
public struct DataError: Error, Sendable {}
