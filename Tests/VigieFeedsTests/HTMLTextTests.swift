import Testing

@testable import VigieFeeds

@Suite struct HTMLTextTests {
    @Test func paragraphsAndLineBreaks() {
        let html = "<p>Premier   paragraphe.</p><p>Second<br>ligne deux<br/>ligne trois</p>"
        #expect(HTMLText.plainText(html) == "Premier paragraphe.\n\nSecond\nligne deux\nligne trois")
    }

    @Test func scriptsStylesAndCommentsDropped() {
        let html = """
            <style>p { color: red }</style><p>Visible</p><script>var x = "<p>hidden</p>";</script>\
            <!-- a <b>comment</b> --><p>Also visible</p><SCRIPT type="text/javascript">alert(1)</SCRIPT>
            """
        #expect(HTMLText.plainText(html) == "Visible\n\nAlso visible")
    }

    @Test func namedAndNumericEntities() {
        #expect(
            HTMLText.plainText("caf&eacute;&nbsp;cr&egrave;me &amp; l&rsquo;&eacute;t&eacute;") == "café crème & l’été")
        #expect(HTMLText.plainText("&#233;t&#xE9; &#8364;5 &lt;b&gt;") == "été €5 <b>")
        #expect(HTMLText.plainText("&#150; &#146;") == "– ’")
        #expect(HTMLText.plainText("AT&T &unknown; & done") == "AT&T &unknown; & done")
    }

    /// Numbers too large for any scalar, even for 32 bits, are replaced, digits and all.
    @Test func hugeNumericReferencesAreReplaced() {
        #expect(HTMLText.plainText("a&#x100000000;b") == "a\u{FFFD}b")
        #expect(HTMLText.plainText("a&#99999999999999999999;b") == "a\u{FFFD}b")
        #expect(HTMLText.plainText("a&#x110000;b &#x10FFFF;") == "a\u{FFFD}b \u{10FFFF}")
        let feed = Array(
            """
            <rss version="2.0"><channel><title>t&#xFFFFFFFFFF;</title><item><title>&#4294967296;x</title>\
            <description>&lt;p&gt;&amp;#x100000000;&lt;/p&gt;</description></item></channel></rss>
            """.utf8)
        let parsed = try? FeedParser.parse(feed)
        #expect(parsed?.feed.title == "t\u{FFFD}")
        #expect(parsed?.entries.first?.title == "\u{FFFD}x")
        #expect(parsed?.entries.first?.summary == "\u{FFFD}")
    }

    @Test func whitespaceCollapsed() {
        #expect(HTMLText.plainText("  un\n\tdeux   trois  \r\n ") == "un deux trois")
        #expect(HTMLText.plainText("a<span> b </span>c") == "a b c")
        #expect(HTMLText.plainText("<div><p></p><p>x</p></div>\n\n<div></div>") == "x")
    }

    @Test func textThatLooksLikeMarkupIsKept() {
        #expect(HTMLText.plainText("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2")
        #expect(HTMLText.plainText("<a href=\"x?a=1&amp;b=>2\">lien</a>") == "lien")
    }

    @Test func listsAndPreformatted() {
        #expect(HTMLText.plainText("<ul><li>un</li><li>deux</li></ul><p>fin</p>") == "un\ndeux\n\nfin")
        #expect(HTMLText.plainText("<pre>a  b\nc</pre>") == "a b\nc")
    }

    @Test func bloggerFrenchBoilerplateRemoved() {
        let html = """
            <div class="post-body">Le texte du billet.<br><br>Deuxième partie.</div>
            <div class="post-footer">Publié par Marie à 10:32
            <div>Aucun commentaire:</div>
            <div>Envoyer par e-mail BlogThis! Partager sur Twitter Partager sur Facebook Partager sur Pinterest</div>
            <div>Libellés : cuisine, vacances</div>
            <p>Enregistrer un commentaire</p><p>Poster un commentaire</p><p>3 commentaires :</p></div>
            """
        #expect(HTMLText.plainText(html) == "Le texte du billet.\nDeuxième partie.")
    }

    @Test func wordpressShareLinesRemoved() {
        let html = """
            <p>Un article.</p><div class="sharedaddy"><h3>Partager :</h3><ul><li><a>Twitter</a></li>\
            <li><a>Facebook</a></li></ul></div><div>J’aime ça :</div><div>J’aime Chargement…</div>\
            <p>Share this:</p><p>Tweet</p>
            """
        #expect(HTMLText.plainText(html) == "Un article.")
        #expect(HTMLText.plainText("<p>Le début.</p><p><a href=\"/x\">Lire la suite »</a></p>") == "Le début.")
        #expect(HTMLText.plainText("Story.<br><br><a href=\"/x\">Continue reading...</a>") == "Story.")
    }

    @Test func blogPageFurnitureAroundThePost() {
        let html = """
            <div class="widget PageList"><h2>Pages</h2></div>
            <h2 class="date-header"><span>mercredi 5 mars 2014</span></h2>
            <div class="post-body"><p>Le billet.</p><p>Une autre époque a commencé.</p></div>
            <div class="post-footer"><span>Aucun commentaire:</span></div>
            <h4>Enregistrer un commentaire</h4>
            <p>Classé dans Uncategorized</p>
            """
        #expect(HTMLText.plainText(html) == "mercredi 5 mars 2014\n\nLe billet.\n\nUne autre époque a commencé.")
        #expect(
            HTMLText.plainText(
                "<p>Classé dans la catégorie des grands succès de l'année, ce produit a été vendu partout en France.</p>"
            )
                == "Classé dans la catégorie des grands succès de l'année, ce produit a été vendu partout en France.")
    }

    @Test func capitalisedFurnitureIsRemoved() {
        #expect(HTMLText.plainText("<p>Texte.</p><p>ÉTIQUETTES : a, b</p><p>AUCUN COMMENTAIRE</p>") == "Texte.")
        #expect(HTMLText.plainText("<p>Texte.</p><p>Étiquettes : a, b</p><p>Été indien</p>") == "Texte.\n\nÉté indien")
    }

    @Test func sentencesMentioningFurnitureAreKept() {
        let text = "Pour partager sur Facebook, il faut un compte."
        #expect(HTMLText.plainText("<p>\(text)</p>") == text)
        #expect(HTMLText.plainText("<p>Publié par erreur, ce texte reste.</p>") == "Publié par erreur, ce texte reste.")
    }

    @Test func prefixedXHTMLElementsBreakLines() {
        #expect(
            HTMLText.plainText("<xhtml:p>un</xhtml:p><xhtml:p>deux<xhtml:br/>trois</xhtml:p>") == "un\n\ndeux\ntrois")
    }

    @Test func cdataAndImagesAltText() {
        #expect(HTMLText.plainText("<![CDATA[<b>kept</b>]]> after") == "<b>kept</b> after")
        #expect(HTMLText.plainText("Bravo <img src=\"x.png\" alt=\"🎉\"> !") == "Bravo 🎉 !")
    }

    @Test func unterminatedMarkupDoesNotLoseTextBefore() {
        #expect(HTMLText.plainText("début <p class=\"x") == "début")
        #expect(HTMLText.plainText("début <!-- jamais fermé") == "début")
        #expect(HTMLText.plainText("début <script>var a") == "début")
    }
}
