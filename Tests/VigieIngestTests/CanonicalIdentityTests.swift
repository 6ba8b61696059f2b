import Testing
import VigieIngest
import VigieModel

@Suite("Post identity by URL")
struct CanonicalIdentityTests {
    @Test("a post's URL drops tracking parameters, fragment, host case and default port")
    func postURL() {
        let plain = ImportRecord(url: "https://blog.example/2014/billet?id=7", body: "x")
        let noisy = ImportRecord(url: "HTTPS://Blog.Example:443/2014/billet?utm_source=rss&id=7&fbclid=a#haut", body: "y")
        #expect(plain.canonicalURL == "https://blog.example/2014/billet?id=7")
        #expect(noisy.canonicalURL == plain.canonicalURL)
        #expect(ImportRecord(url: "https://blog.example/2014/billet?id=8", body: "x").canonicalURL != plain.canonicalURL)
    }

    @Test("comments and pingbacks keep the fragment that names them; no web URL, no identity")
    func entryURL() {
        let first = ImportRecord(url: "https://Blog.example/billet?utm_medium=x#comment-1", body: "a", kind: .comment)
        let second = ImportRecord(url: "https://blog.example/billet#comment-2", body: "b", kind: .comment)
        #expect(first.canonicalURL == "https://blog.example/billet#comment-1")
        #expect(second.canonicalURL == "https://blog.example/billet#comment-2")
        #expect(ImportRecord(url: "https://blog.example/billet#", body: "c", kind: .pingback).canonicalURL
            == "https://blog.example/billet")
        #expect(ImportRecord(url: "mailto:a@b.example", body: "d").canonicalURL == nil)
        #expect(ImportRecord(body: "e").canonicalURL == nil)
    }
}
