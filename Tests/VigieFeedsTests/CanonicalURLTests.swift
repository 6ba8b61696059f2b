import Testing

@testable import VigieFeeds

@Suite struct CanonicalURLTests {
    @Test func schemeHostCaseDefaultPortAndFragment() {
        #expect(
            CanonicalURL.canonicalize("HTTP://WWW.Example.COM:80/Path/Page.html#section")
                == "http://www.example.com/Path/Page.html")
        #expect(CanonicalURL.canonicalize("https://example.com:443") == "https://example.com/")
        #expect(CanonicalURL.canonicalize("https://example.com:8443/a") == "https://example.com:8443/a")
        #expect(CanonicalURL.canonicalize("http://example.com.:80/") == "http://example.com/")
    }

    @Test func trackingParametersRemovedAndQuerySorted() {
        let url =
            "https://blog.example.fr/post?utm_source=rss&b=2&utm_medium=feed&a=1&fbclid=XYZ&gclid=1&mc_cid=a&mc_eid=b"
        #expect(CanonicalURL.canonicalize(url) == "https://blog.example.fr/post?a=1&b=2")
        #expect(CanonicalURL.canonicalize("https://x.org/?utm_campaign=z") == "https://x.org/")
        #expect(CanonicalURL.canonicalize("https://x.org/p?UTM_Source=a&q=%c3%a9") == "https://x.org/p?q=%C3%A9")
    }

    @Test func relativeReferencesResolved() {
        let base = "https://example.org/blog/2024/index.html?page=2"
        #expect(CanonicalURL.canonicalize("post.html", base: base) == "https://example.org/blog/2024/post.html")
        #expect(CanonicalURL.canonicalize("../about", base: base) == "https://example.org/blog/about")
        #expect(CanonicalURL.canonicalize("/a/./b/../c", base: base) == "https://example.org/a/c")
        #expect(CanonicalURL.canonicalize("//cdn.example.org/x", base: base) == "https://cdn.example.org/x")
        #expect(CanonicalURL.canonicalize("?q=1", base: base) == "https://example.org/blog/2024/index.html?q=1")
        #expect(CanonicalURL.canonicalize("post.html") == nil)
    }

    @Test func unusableURLsGiveNil() {
        #expect(CanonicalURL.canonicalize("mailto:someone@example.com") == nil)
        #expect(CanonicalURL.canonicalize("javascript:alert(1)") == nil)
        #expect(CanonicalURL.canonicalize("ftp://example.com/file") == nil)
        #expect(CanonicalURL.canonicalize("") == nil)
        #expect(CanonicalURL.canonicalize("   ") == nil)
        #expect(CanonicalURL.canonicalize("http://") == nil)
        #expect(CanonicalURL.canonicalize("https://host:port/") == nil)
    }

    @Test func spacesAndNonASCIIArePercentEncoded() {
        #expect(
            CanonicalURL.canonicalize("  https://example.com/a b/été  ") == "https://example.com/a%20b/%C3%A9t%C3%A9")
        #expect(CanonicalURL.canonicalize("https://example.com/%7euser/%2f") == "https://example.com/~user/%2F")
    }

    @Test func equivalentSpellingsAgree() {
        let spellings = [
            "https://Example.com/news/item?id=7&utm_source=twitter#comments",
            "https://example.com:443/news/./item?id=7",
            "HTTPS://EXAMPLE.COM/news/x/../item?utm_medium=social&id=7",
        ]
        let canonical = Set(spellings.compactMap { CanonicalURL.canonicalize($0) })
        #expect(canonical == ["https://example.com/news/item?id=7"])
    }

    @Test func hostsWithPortsUserinfoAndIPv6() {
        #expect(CanonicalURL.canonicalize("http://[2001:DB8::1]:8080/a") == "http://[2001:db8::1]:8080/a")
        #expect(CanonicalURL.canonicalize("https://[2001:db8::1]:443/") == "https://[2001:db8::1]/")
        #expect(CanonicalURL.canonicalize("https://user@Example.com:0443/x") == "https://user@example.com/x")
    }

    @Test func repeatedParametersKeepAStableOrder() {
        #expect(CanonicalURL.canonicalize("https://x.org/?tag=b&tag=a&id=1") == "https://x.org/?id=1&tag=a&tag=b")
        #expect(CanonicalURL.canonicalize("https://x.org/?&&a=1&") == "https://x.org/?a=1")
    }
}
