/// What the sanitizer lets through. The lists are feedparser's (6.0.14,
/// `feedparser/sanitizer.py` and `feedparser/urls.py`, BSD-2-Clause, by Kurt McKee and Mark
/// Pilgrim), written out again here, with the changes said beside each one. MathML and SVG,
/// which feedparser also lets through, are not: their elements are dropped, their text kept.
extension HTMLSanitizer {
    /// Elements kept, with their allowed attributes. feedparser's `acceptable_elements`
    /// without `form`, whose content is dropped here (see ``droppedWithContent``).
    static let allowedElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
        "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
        "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
        "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
        "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
        "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu", "meter",
        "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output", "p",
        "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound", "source",
        "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea",
        "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ]

    /// Elements dropped with everything inside them: feedparser's `applet`, `script` and
    /// `style`, and the other ways to run code, load a page or post data: frames, plug-ins,
    /// forms, templates.
    static let droppedWithContent: Set<String> = [
        "applet", "embed", "form", "frame", "frameset", "iframe", "noembed", "noframes", "object",
        "plaintext", "script", "style", "template", "xmp",
    ]

    /// Of ``droppedWithContent``, those whose content a browser reads as text up to their
    /// end tag, or to the end of the document when there is none: unclosed, all that
    /// follows is dropped. The others, unclosed, lose only their tag.
    static let rawTextElements: Set<String> = [
        "iframe", "noembed", "noframes", "plaintext", "script", "style", "xmp",
    ]

    /// Elements written `<br />`, with no end tag: feedparser's `elements_no_end_tag`.
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input",
        "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// feedparser's `acceptable_attributes`. No event attribute (`on*`) is in it.
    static let allowedAttributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete",
        "autofocus", "axis", "background", "balance", "bgcolor", "bgproperties", "border",
        "bordercolor", "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding",
        "cellspacing", "ch", "challenge", "char", "charoff", "charset", "checked", "choff",
        "cite", "class", "clear", "color", "cols", "colspan", "compact", "contenteditable",
        "controls", "coords", "data", "datafld", "datapagesize", "datasrc", "datetime",
        "default", "delay", "dir", "disabled", "draggable", "dynsrc", "enctype", "end", "face",
        "for", "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden",
        "hidefocus", "high", "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap",
        "keytype", "label", "lang", "leftspacing", "list", "longdesc", "loop", "loopcount",
        "loopend", "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method", "min",
        "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum", "pattern", "ping",
        "point-size", "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel",
        "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows",
        "rowspan", "rules", "scope", "selected", "shape", "size", "span", "src", "start", "step",
        "style", "summary", "suppress", "tabindex", "target", "template", "title", "toppadding",
        "type", "unselectable", "urn", "usemap", "valign", "value", "variable", "volume", "vrml",
        "vspace", "width", "wrap", "xml:lang",
    ]

    /// Allowed attributes that hold a URL: checked for their scheme, and resolved when
    /// relative. feedparser checks `href` and the attributes its `RelativeURIResolver`
    /// lists; every one that can load or link is checked here.
    static let urlAttributes: Set<String> = [
        "action", "background", "cite", "data", "datasrc", "dynsrc", "href", "icon", "longdesc",
        "lowsrc", "ping", "poster", "src", "usemap", "vrml",
    ]

    /// URL schemes kept: feedparser's `ACCEPTABLE_URI_SCHEMES`. Any other (`javascript:`,
    /// `vbscript:`, `data:`) empties the attribute, as feedparser does.
    static let allowedSchemes: Set<String> = [
        "aim", "callto", "cvs", "facetime", "feed", "file", "ftp", "git", "gopher", "gtalk", "h323",
        "hdl", "http", "https", "imap", "irc", "irc6", "ircs", "itms", "magnet", "mailto", "mms",
        "msnim", "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip",
        "sips", "skype", "smb", "snews", "ssh", "svn", "svn+ssh", "telnet", "wais", "ymsg",
    ]

    /// CSS properties kept in a `style` attribute: feedparser's `acceptable_css_properties`.
    static let allowedCSSProperties: Set<String> = [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
        "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor",
        "direction", "display", "elevation", "float", "font", "font-family", "font-size",
        "font-style", "font-variant", "font-weight", "height", "letter-spacing", "line-height",
        "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness",
        "speak", "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress",
        "text-align", "text-decoration", "text-indent", "unicode-bidi", "vertical-align",
        "voice-family", "volume", "white-space", "width",
    ]

    /// Keywords allowed in the values of `background*`, `border*`, `margin*` and
    /// `padding*`: feedparser's `acceptable_css_keywords`.
    static let allowedCSSKeywords: Set<String> = [
        "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown",
        "center", "collapse", "dashed", "dotted", "fuchsia", "gray", "green", "italic", "left",
        "lime", "maroon", "medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
        "purple", "red", "right", "silver", "solid", "teal", "top", "transparent", "underline",
        "white", "yellow",
    ]

    /// Property families whose values are checked keyword by keyword.
    static let checkedCSSFamilies: Set<String> = ["background", "border", "margin", "padding"]

    /// What the scanner needs to know of an element, found with one lookup per tag rather
    /// than one per set: hashing the name is most of a tag's cost.
    struct ElementClass: OptionSet, Sendable {
        let rawValue: UInt8
        static let allowed = ElementClass(rawValue: 1)
        static let void = ElementClass(rawValue: 2)
        static let droppedWithContent = ElementClass(rawValue: 4)
        static let rawText = ElementClass(rawValue: 8)
    }

    /// Every element named in the sets above, with the sets it is in.
    static let elementClasses: [String: ElementClass] = {
        var classes: [String: ElementClass] = [:]
        for (set, flag) in [
            (allowedElements, ElementClass.allowed), (voidElements, .void), (droppedWithContent, .droppedWithContent),
            (rawTextElements, .rawText),
        ] {
            for name in set { classes[name, default: []].insert(flag) }
        }
        return classes
    }()

    /// An attribute's standing: allowed, and how its value is checked.
    enum AttributeClass: Sendable {
        /// Kept as it is.
        case allowed
        /// A URL, checked for its scheme and resolved (``urlAttributes``).
        case url
        /// CSS, cut down to the safe properties (``safeStyle(_:)``).
        case style
        /// `rel` and `type`, written in lower case.
        case lowercased
    }

    /// The allowed attributes, with how each one's value is checked.
    static let attributeClasses: [String: AttributeClass] = {
        var classes: [String: AttributeClass] = [:]
        for name in allowedAttributes {
            classes[name] =
                urlAttributes.contains(name) ? .url
                : name == "style" ? .style
                : name == "rel" || name == "type" ? .lowercased : .allowed
        }
        return classes
    }()
}
