import Foundation

/// The parts of a payload the tests look at, read back from its JSON.
struct PayloadFields {
  var json: [String: Any]
  var status: String
  var features: [String]

  init(_ bytes: [UInt8]) throws {
    guard let json = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      let status = json["status"] as? String,
      let features = json["features"] as? [[String: Any]]
    else { throw CocoaError(.coderReadCorrupt) }
    self.json = json
    self.status = status
    self.features = features.compactMap { $0["name"] as? String }
  }
}
