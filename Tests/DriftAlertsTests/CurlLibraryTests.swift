import Testing

@testable import DriftAlerts

/// libcurl is loaded with dlopen when the first email is sent (EmailDeliveryTests sends real
/// ones); these check what the loader says when the library is missing or is not libcurl.
@Suite struct CurlLibraryTests {
  @Test func theInstalledLibcurlLoads() {
    #expect(CurlLibrary.check(CurlLibrary.soname) == nil)
    #expect(CurlLibrary.loadError == nil)
  }

  @Test func aMissingLibraryIsNamedInTheMessage() throws {
    let message = try #require(CurlLibrary.check("libdriftwatch-no-such-curl.so.4"))
    #expect(message.hasPrefix("cannot load libdriftwatch-no-such-curl.so.4: "))
  }

  @Test func aLibraryWithoutCurlsFunctionsIsRefused() throws {
    // zlib is linked into driftwatch, so it is always there, and it has no curl_* function.
    let message = try #require(CurlLibrary.check("libz.so.1"))
    #expect(message == "libz.so.1 has no function curl_global_init")
  }
}
