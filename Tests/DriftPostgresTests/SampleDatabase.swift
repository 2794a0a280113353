import DriftConfig
import Foundation

/// The server one suite shares, with a read-only role and the sample tables, made once.
///
/// `requests`: 600 rows, one every 18 s from 2026-11-25T00:00:00Z (200 per hour), with a
/// float8, an int4, a numeric, a text and a boolean feature, and NULLs in some of them.
/// `epoch_requests`: the same rows with the time as bigint epoch seconds.
final class SampleDatabase: Sendable {
  static let start: Int64 = 1_795_564_800  // 2026-11-25T00:00:00Z
  static let readerPassword = "reader-pw-7f3a"

  let server: PostgresServer
  /// A file holding the reader's password.
  let passwordFile: String

  static let shared = Result { try SampleDatabase() }

  private init() throws {
    server = try PostgresServer()
    passwordFile = "\(server.folder)/reader.pass"
    try (Self.readerPassword + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
    try server.sql("CREATE DATABASE drift")
    try server.sql(
      """
      CREATE ROLE reader LOGIN PASSWORD '\(Self.readerPassword)';
      CREATE TABLE requests AS SELECT
        to_timestamp(\(Self.start) + i * 18) AS ts,
        CASE WHEN i % 37 = 0 THEN NULL ELSE (i % 101) * 1.25 - 40.5 + i / 1000.0 END::float8
          AS amount,
        (i % 13)::int4 AS visits,
        ((i * 7) % 1000 / 8.0)::numeric(10,3) AS price,
        CASE WHEN i % 11 = 0 THEN NULL ELSE (ARRAY['north','south','east'])[1 + i % 3] END
          AS city,
        (i % 4 = 0) AS premium,
        'x' || i AS note
      FROM generate_series(0, 599) AS i;
      CREATE TABLE epoch_requests AS
        SELECT extract(epoch FROM ts)::bigint AS ts, amount, visits, price, city, premium
        FROM requests;
      CREATE SEQUENCE counter;
      GRANT USAGE ON SEQUENCE counter TO reader;
      CREATE SCHEMA app;
      CREATE TABLE app.\"Odd \"\"Name\"\"\" AS SELECT ts, amount AS "Amount $x" FROM requests;
      GRANT USAGE ON SCHEMA app TO reader;
      GRANT SELECT ON ALL TABLES IN SCHEMA public, app TO reader;
      """, database: "drift")
  }

  /// A source on the sample database as the read-only role.
  func source(
    _ relation: PostgresSource.Relation, password: PostgresSource.PasswordSource? = nil,
    port: Int? = nil, statementTimeout: Int64 = 30, database: String = "drift"
  ) -> PostgresSource {
    PostgresSource(
      host: "127.0.0.1", port: port ?? server.port, database: database, user: "reader",
      password: password ?? .file(passwordFile), relation: relation,
      statementTimeout: statementTimeout, connectTimeout: 5)
  }

  /// Rows of `requests` in `[start, end)` exported as CSV by the server itself (floats in
  /// their shortest exact text), for comparing with the file readers.
  func csv(from start: Int64, to end: Int64, table: String = "requests") throws -> String {
    let folder = server.folder
    let path = "\(folder)/window-\(start).csv"
    let text = try server.sql(
      """
      COPY (SELECT amount, visits, price, city, premium::text AS premium FROM \(table)
        WHERE ts >= to_timestamp(\(start)) AND ts < to_timestamp(\(end)) ORDER BY ts)
        TO STDOUT WITH (FORMAT csv, HEADER)
      """, database: "drift")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
