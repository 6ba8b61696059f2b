import Testing

@testable import VigieFeeds

@Suite struct HTMLLinksTests {
    private let base = "https://blog.example.fr/2024/03/billet.html"

    @Test func relativeHrefAndSrcAreResolved() {
        let html =
            #"<p><a class="x" href="../autre.html">a</a> <img data-x=1 src=/img/a.png alt="a"> <a href='//cdn.example.fr/f'>f</a></p>"#
        #expect(
            HTMLLinks.resolvingRelativeLinks(html, base: base)
                == #"<p><a class="x" href="https://blog.example.fr/2024/autre.html">a</a> <img data-x=1 src=https://blog.example.fr/img/a.png alt="a"> <a href='https://cdn.example.fr/f'>f</a></p>"#
        )
    }

    @Test func absoluteAndSpecialLinksAreLeftAlone() {
        let html =
            ##"<a href="https://x.example/">x</a><a href="#top">t</a><a href="mailto:a@b.c">m</a><img src="data:image/png;base64,AAA="><a href="javascript:void(0)">j</a>"##
        #expect(HTMLLinks.resolvingRelativeLinks(html, base: base) == html)
    }

    @Test func attributesWithoutValuesDoNotHideLinks() {
        let html = #"<input disabled href="x.html"><a download href="y.html">y</a>"#
        #expect(
            HTMLLinks.resolvingRelativeLinks(html, base: base)
                == #"<input disabled href="https://blog.example.fr/2024/03/x.html"><a download href="https://blog.example.fr/2024/03/y.html">y</a>"#
        )
    }

    @Test func textThatIsNotATagIsUntouched() {
        let html = "1 < 2 et href=\"x\" hors balise, <b>gras</b>"
        #expect(HTMLLinks.resolvingRelativeLinks(html, base: base) == html)
    }

    /// The quick look at `=` signs that lets most posts skip the tag scan never lets one
    /// skip it when the scan would change something.
    @Test func skippingTheScanNeverLosesALink() {
        let pieces = [
            "<a ", "<img ", "<A ", "<p>", "</a>", ">", " ", "\t", "href", "HREF", "src", "Src", "xhref", "data-src",
            "=", " = ", "\"", "'", "http:", "https:", "HTTP:", "htt", "//cdn.example/", "/img/a.png", "../x",
            "#top", "mailto:a@b.c", "page?a=b", "x.html", "text ", "é", "<!-- ", " -->", "title=\"src=",
        ]
        var random = SplitMix64(seed: 0x11_4E5)
        var skipped = 0
        var scanned = 0
        for _ in 0..<20_000 {
            var html = ""
            for _ in 0..<Int(random.next() % 16) { html += pieces[Int(random.next() % UInt64(pieces.count))] }
            var bytes = Array(html.utf8)
            bytes.withUnsafeMutableBufferPointer { m in
                let p = UnsafeBufferPointer(m)
                if HTMLLinks.mayHaveRelativeLinks(p) {
                    scanned += 1
                } else {
                    skipped += 1
                    #expect(HTMLLinks.resolvingLinksInTags(utf8: p, base: base) == nil, "\(html)")
                }
            }
        }
        #expect(skipped > 1_000 && scanned > 1_000)
    }
}
