/// The frame of every page: doctype, charset, a strict content security policy, the inline style
/// sheet and a body assembled from already-escaped fragments.
public struct HTMLPage: Sendable {
  /// The page title (plain text; escaped here).
  public var title: String
  /// The body's markup, made of escaped fragments.
  public var body: String

  /// Creates a page.
  public init(title: String, body: String) {
    self.title = title
    self.body = body
  }

  /// The policy every page carries: nothing is loaded from anywhere, no script runs, styles come
  /// only from the page itself. A string that slipped past escaping still could not run.
  public static let contentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    + "form-action 'self'"

  /// The whole document.
  public func render() -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>\(HTMLText.escape(title))</title>
    <style>\(PageStyle.css)\(PageStyle.historyCSS)</style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }
}
