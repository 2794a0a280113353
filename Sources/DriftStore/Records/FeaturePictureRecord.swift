import DriftStats

/// One feature's picture in one window, as stored beside its results.
public struct FeaturePictureRecord: Sendable, Equatable {
  /// Feature name.
  public var feature: String
  /// Feature kind (a feature id is per name and kind).
  public var kind: ColumnKind
  /// The target summary and both sides' bin counts.
  public var picture: FeaturePicture

  /// Creates a record.
  public init(feature: String, kind: ColumnKind, picture: FeaturePicture) {
    self.feature = feature
    self.kind = kind
    self.picture = picture
  }
}
