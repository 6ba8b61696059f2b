import Foundation
import Hummingbird

/// The blog as pages and RSS 2.0 feeds, in WordPress's shape (RSS 2.0 with the content,
/// Dublin Core, Well-Formed Web and Slash modules: https://www.rssboard.org/rss-specification
/// and WordPress's `wp-includes/feed-rss2.php` and `feed-rss2-comments.php`).
extension DemoSite {
    func home(_ request: Request) -> Response {
        let snapshot = snapshot()
        let base = Self.base(request)
        let validators = ConditionalGET("home", "\(snapshot.posts.count)", lastModified: snapshot.lastModified)
        return validators.response(request, contentType: "text/html; charset=utf-8") {
            let blog = content.blog
            let items = snapshot.posts.map { post in
                "<li><a href=\"\(base)/billets/\(post.content.slug)/\">\(Markup.escaped(post.content.title))</a></li>"
            }
            return """
                <!DOCTYPE html>
                <html lang="\(blog.language)">
                <head>
                <meta charset="utf-8">
                <title>\(Markup.escaped(blog.title))</title>
                <link rel="alternate" type="application/rss+xml" title="\(Markup.escaped(blog.title)) » Flux" href="\(base)/feed/">
                <link rel="alternate" type="application/rss+xml" title="\(Markup.escaped(blog.title)) » Flux des commentaires" href="\(base)/comments/feed/">
                <link rel="https://api.w.org/" href="\(base)/wp-json/">
                </head>
                <body>
                <h1>\(Markup.escaped(blog.title))</h1>
                <p>\(Markup.escaped(blog.description))</p>
                <ul>
                \(items.joined(separator: "\n"))
                </ul>
                </body>
                </html>

                """
        }
    }

    func page(_ request: Request, slug: String) throws -> Response {
        let snapshot = snapshot()
        guard let post = snapshot.posts.first(where: { $0.content.slug == slug }) else {
            throw HTTPError(.notFound, message: "no post \(slug)")
        }
        let base = Self.base(request)
        let validators = ConditionalGET("page", "\(post.id)", "\(post.comments.count)", lastModified: post.comments.first?.date ?? post.date)
        return validators.response(request, contentType: "text/html; charset=utf-8") {
            let comments = post.comments.reversed().map { comment in
                """
                <li id="comment-\(comment.id)"><p class="author">\(Markup.escaped(comment.content.author))</p>
                <p>\(Markup.escaped(comment.content.text))</p></li>
                """
            }
            return """
                <!DOCTYPE html>
                <html lang="\(content.blog.language)">
                <head>
                <meta charset="utf-8">
                <title>\(Markup.escaped(post.content.title)) – \(Markup.escaped(content.blog.title))</title>
                <link rel="alternate" type="application/rss+xml" title="Flux des commentaires" href="\(base)/billets/\(slug)/feed/">
                </head>
                <body>
                <article>
                <h1>\(Markup.escaped(post.content.title))</h1>
                <p class="byline">\(Markup.escaped(post.content.author)), \(Markup.httpDate(post.date))</p>
                \(Markup.html(post.content.paragraphs))
                </article>
                <ol id="comments">
                \(comments.joined(separator: "\n"))
                </ol>
                </body>
                </html>

                """
        }
    }

    func postsFeed(_ request: Request) -> Response {
        let snapshot = snapshot()
        let base = Self.base(request)
        let validators = ConditionalGET(
            "feed", "\(snapshot.posts.count)", "\(snapshot.comments.count)", lastModified: snapshot.lastModified)
        return validators.response(request, contentType: "application/rss+xml; charset=utf-8") {
            let items = snapshot.posts.map { post in
                let link = "\(base)/billets/\(post.content.slug)/"
                return """
                    <item>
                    <title>\(Markup.escaped(post.content.title))</title>
                    <link>\(link)</link>
                    <comments>\(link)#comments</comments>
                    <dc:creator>\(Markup.escaped(post.content.author))</dc:creator>
                    <pubDate>\(Markup.httpDate(post.date))</pubDate>
                    <guid isPermaLink="false">\(base)/?p=\(post.id)</guid>
                    <description>\(Markup.escaped(post.content.paragraphs.first ?? ""))</description>
                    <content:encoded>\(Markup.escaped(Markup.html(post.content.paragraphs)))</content:encoded>
                    <wfw:commentRss>\(link)feed/</wfw:commentRss>
                    <slash:comments>\(post.comments.count)</slash:comments>
                    </item>
                    """
            }
            return Self.rss(
                title: content.blog.title, link: base, selfURL: "\(base)/feed/", description: content.blog.description,
                lastBuild: snapshot.lastModified, items: items)
        }
    }

    /// All comments, or those of the post `slug`, as WordPress's comment feeds give them.
    func commentsFeed(_ request: Request, slug: String?) throws -> Response {
        let snapshot = snapshot()
        let base = Self.base(request)
        var comments = snapshot.comments
        var title = content.blog.title
        var selfURL = "\(base)/comments/feed/"
        if let slug {
            guard let post = snapshot.posts.first(where: { $0.content.slug == slug }) else {
                throw HTTPError(.notFound, message: "no post \(slug)")
            }
            comments = comments.filter { $0.postID == post.id }
            title = post.content.title
            selfURL = "\(base)/billets/\(slug)/feed/"
        }
        let posts = Dictionary(uniqueKeysWithValues: snapshot.posts.map { ($0.id, $0) })
        let validators = ConditionalGET(
            "comments", slug ?? "all", "\(comments.count)", lastModified: comments.first?.date ?? snapshot.lastModified)
        return validators.response(request, contentType: "application/rss+xml; charset=utf-8") {
            let items = comments.compactMap { comment -> String? in
                guard let post = posts[comment.postID] else { return nil }
                return """
                    <item>
                    <title>Commentaire sur \(Markup.escaped(post.content.title)) par \(Markup.escaped(comment.content.author))</title>
                    <link>\(base)/billets/\(post.content.slug)/#comment-\(comment.id)</link>
                    <dc:creator>\(Markup.escaped(comment.content.author))</dc:creator>
                    <pubDate>\(Markup.httpDate(comment.date))</pubDate>
                    <guid isPermaLink="false">\(base)/?p=\(post.id)#comment-\(comment.id)</guid>
                    <description>\(Markup.escaped(comment.content.text))</description>
                    <content:encoded>\(Markup.escaped(Markup.html([comment.content.text])))</content:encoded>
                    </item>
                    """
            }
            return Self.rss(
                title: "Commentaires sur : \(title)", link: base, selfURL: selfURL,
                description: content.blog.description, lastBuild: snapshot.lastModified, items: items)
        }
    }

    static func rss(title: String, link: String, selfURL: String, description: String, lastBuild: Date?, items: [String])
        -> String
    {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
        xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:atom="http://www.w3.org/2005/Atom" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
        <channel>
        <title>\(Markup.escaped(title))</title>
        <atom:link href="\(selfURL)" rel="self" type="application/rss+xml"/>
        <link>\(link)/</link>
        <description>\(Markup.escaped(description))</description>
        \(lastBuild.map { "<lastBuildDate>\(Markup.httpDate($0))</lastBuildDate>" } ?? "")
        <language>fr-FR</language>
        <generator>Vigie demo site</generator>
        \(items.joined(separator: "\n"))
        </channel>
        </rss>

        """
    }
}
