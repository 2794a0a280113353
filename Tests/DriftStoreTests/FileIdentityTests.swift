import DriftStore
import Foundation
import Testing

/// `checkFileIdentity()`: the store notices its file deleted or replaced while it is open.
@Suite struct FileIdentityTests {
  @Test func unchangedFilePasses() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.checkFileIdentity()
  }

  @Test func deletedFileIsNotFoundNamingThePath() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let store = try DriftStore(path: path)
    try FileManager.default.removeItem(atPath: path)
    let error = try #require(throws: StoreError.self) { try store.checkFileIdentity() }
    #expect(error.kind == .notFound)
    #expect(error.message.contains("the database \(path) was deleted"), "\(error.message)")
  }

  @Test func fileRenamedOverItIsReplaced() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let store = try DriftStore(path: path)
    _ = try DriftStore(path: scratch.path("other.db"))
    #expect(rename(scratch.path("other.db"), path) == 0)
    let error = try #require(throws: StoreError.self) { try store.checkFileIdentity() }
    #expect(error.kind == .replaced)
    #expect(error.message.contains("replaced by another file"), "\(error.message)")
  }

  @Test func readOnlyStoresDoNotCheck() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    _ = try DriftStore(path: path)
    let reader = try DriftStore.openReadOnly(path: path)
    try FileManager.default.removeItem(atPath: path)
    try reader.checkFileIdentity()
  }
}
