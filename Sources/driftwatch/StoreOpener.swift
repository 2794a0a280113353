import DriftStore

/// Opens the store for writing, turning failures into a clear message and exit code 3.
enum StoreOpener {
  static func open(_ path: String) throws -> DriftStore {
    do {
      return try DriftStore(path: path)
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
  }

  static func openReadOnly(_ path: String) throws -> DriftStore {
    do {
      return try DriftStore.openReadOnly(path: path)
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
  }
}
