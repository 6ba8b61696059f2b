/// Named character references that feeds use in practice.
///
/// XML defines only `amp`, `lt`, `gt`, `quot` and `apos`; feeds routinely carry the HTML 4
/// set (`&eacute;`, `&nbsp;`, `&rsquo;`) in element text too. This table holds the 252
/// HTML 4.01 entities and a handful of HTML5 punctuation names seen in blog output.
enum HTMLEntities {
    /// Latin-1 names for U+00A0 through U+00FF, in code point order.
    private static let latin1: [String] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
        "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
        "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
        "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
        "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
        "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
        "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
        "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
        "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
        "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]

    private static let others: [(String, UInt32)] = [
        ("quot", 34), ("amp", 38), ("lt", 60), ("gt", 62), ("apos", 39),
        ("OElig", 338), ("oelig", 339), ("Scaron", 352), ("scaron", 353), ("Yuml", 376),
        ("circ", 710), ("tilde", 732), ("ensp", 8194), ("emsp", 8195), ("thinsp", 8201),
        ("zwnj", 8204), ("zwj", 8205), ("lrm", 8206), ("rlm", 8207), ("ndash", 8211),
        ("mdash", 8212), ("lsquo", 8216), ("rsquo", 8217), ("sbquo", 8218), ("ldquo", 8220),
        ("rdquo", 8221), ("bdquo", 8222), ("dagger", 8224), ("Dagger", 8225), ("permil", 8240),
        ("lsaquo", 8249), ("rsaquo", 8250), ("euro", 8364), ("fnof", 402),
        ("Alpha", 913), ("Beta", 914), ("Gamma", 915), ("Delta", 916), ("Epsilon", 917),
        ("Zeta", 918), ("Eta", 919), ("Theta", 920), ("Iota", 921), ("Kappa", 922),
        ("Lambda", 923), ("Mu", 924), ("Nu", 925), ("Xi", 926), ("Omicron", 927),
        ("Pi", 928), ("Rho", 929), ("Sigma", 931), ("Tau", 932), ("Upsilon", 933),
        ("Phi", 934), ("Chi", 935), ("Psi", 936), ("Omega", 937),
        ("alpha", 945), ("beta", 946), ("gamma", 947), ("delta", 948), ("epsilon", 949),
        ("zeta", 950), ("eta", 951), ("theta", 952), ("iota", 953), ("kappa", 954),
        ("lambda", 955), ("mu", 956), ("nu", 957), ("xi", 958), ("omicron", 959),
        ("pi", 960), ("rho", 961), ("sigmaf", 962), ("sigma", 963), ("tau", 964),
        ("upsilon", 965), ("phi", 966), ("chi", 967), ("psi", 968), ("omega", 969),
        ("thetasym", 977), ("upsih", 978), ("piv", 982), ("bull", 8226), ("hellip", 8230),
        ("prime", 8242), ("Prime", 8243), ("oline", 8254), ("frasl", 8260), ("weierp", 8472),
        ("image", 8465), ("real", 8476), ("trade", 8482), ("alefsym", 8501), ("larr", 8592),
        ("uarr", 8593), ("rarr", 8594), ("darr", 8595), ("harr", 8596), ("crarr", 8629),
        ("lArr", 8656), ("uArr", 8657), ("rArr", 8658), ("dArr", 8659), ("hArr", 8660),
        ("forall", 8704), ("part", 8706), ("exist", 8707), ("empty", 8709), ("nabla", 8711),
        ("isin", 8712), ("notin", 8713), ("ni", 8715), ("prod", 8719), ("sum", 8721),
        ("minus", 8722), ("lowast", 8727), ("radic", 8730), ("prop", 8733), ("infin", 8734),
        ("ang", 8736), ("and", 8743), ("or", 8744), ("cap", 8745), ("cup", 8746),
        ("int", 8747), ("there4", 8756), ("sim", 8764), ("cong", 8773), ("asymp", 8776),
        ("ne", 8800), ("equiv", 8801), ("le", 8804), ("ge", 8805), ("sub", 8834),
        ("sup", 8835), ("nsub", 8836), ("sube", 8838), ("supe", 8839), ("oplus", 8853),
        ("otimes", 8855), ("perp", 8869), ("sdot", 8901), ("lceil", 8968), ("rceil", 8969),
        ("lfloor", 8970), ("rfloor", 8971), ("lang", 9001), ("rang", 9002), ("loz", 9674),
        ("spades", 9824), ("clubs", 9827), ("hearts", 9829), ("diams", 9830),
        // HTML5 names common in blog templates.
        ("mldr", 8230), ("bullet", 8226), ("ZeroWidthSpace", 8203), ("NonBreakingSpace", 160),
        ("colon", 58), ("comma", 44), ("period", 46), ("excl", 33), ("quest", 63),
        ("lpar", 40), ("rpar", 41), ("sol", 47), ("num", 35), ("dollar", 36),
        ("percnt", 37), ("ast", 42), ("plus", 43), ("equals", 61), ("commat", 64),
        ("lsqb", 91), ("rsqb", 93), ("lowbar", 95), ("grave", 96), ("lcub", 123),
        ("rcub", 125), ("verbar", 124), ("Tab", 9), ("NewLine", 10), ("check", 10003),
        ("star", 9734), ("starf", 9733), ("hyphen", 8208), ("dash", 8208), ("nbhy", 8209),
        ("laquo", 171), ("raquo", 187), ("QUOT", 34), ("AMP", 38), ("LT", 60), ("GT", 62),
        ("COPY", 169), ("REG", 174), ("TRADE", 8482),
    ]

    /// Name (without `&` and `;`) to Unicode scalar value.
    static let table: [String: UInt32] = {
        var table: [String: UInt32] = [:]
        table.reserveCapacity(latin1.count + others.count)
        for (offset, name) in latin1.enumerated() {
            table[name] = 0xA0 + UInt32(offset)
        }
        for (name, value) in others {
            table[name] = value
        }
        return table
    }()

    /// Names of up to eight bytes, packed by ``PackedKey/pack(_:)`` (case kept), for
    /// ``StaticTables/htmlEntities``.
    static var packedPairs: [(UInt64, UInt32)] {
        table.filter { $0.key.utf8.count <= 8 }.map { (PackedKey.pack(Array($0.key.utf8)), $0.value) }
    }

    /// The longest name in the table, to bound scanning for a reference.
    static let maxNameLength = 16
}
