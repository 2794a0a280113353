import Testing

@testable import DriftStats

@Suite struct TableRowsTests {
  func table(_ numbers: [Double], _ codes: [Int32], _ categories: [String]) -> Table {
    Table(
      columns: [
        Column(name: "x", kind: .numeric, values: .numeric(NumericColumn(values: numbers))),
        Column(
          name: "c", kind: .categorical,
          values: .categorical(CategoricalColumn(codes: codes, categories: categories))),
      ],
      rowCount: numbers.count)
  }

  @Test func filterKeepsFlaggedRowsInOrder() {
    let filtered = table([1, 2, 3, 4], [0, 1, -1, 0], ["a", "b"]).filtered(keep: [
      true, false, true, true,
    ])
    #expect(filtered.rowCount == 3)
    #expect(filtered.columns[0].values == .numeric(NumericColumn(values: [1, 3, 4])))
    #expect(
      filtered.columns[1].values
        == .categorical(CategoricalColumn(codes: [0, -1, 0], categories: ["a", "b"])))
  }

  @Test func concatenationMergesDictionariesByLabel() throws {
    let merged = try Table.concatenating([
      table([1, 2], [0, 1], ["a", "b"]),
      table([3, 4, 5], [0, 1, -1], ["b", "z"]),
    ])
    #expect(merged.rowCount == 5)
    #expect(merged.columns[0].values == .numeric(NumericColumn(values: [1, 2, 3, 4, 5])))
    #expect(
      merged.columns[1].values
        == .categorical(CategoricalColumn(codes: [0, 1, 1, 2, -1], categories: ["a", "b", "z"])))
  }

  @Test func mismatchedColumnsAreAnError() {
    var other = table([1], [0], ["a"])
    other.columns[0].name = "y"
    #expect(throws: StatsError.self) { try Table.concatenating([table([1], [0], ["a"]), other]) }
  }
}
