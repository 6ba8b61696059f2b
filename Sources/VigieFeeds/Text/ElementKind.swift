/// How an HTML element affects plain text.
enum ElementKind {
    case inline, lineBreak, paragraph, cell, preformatted, raw, image

    static func classify(_ name: UnsafeBufferPointer<UInt8>) -> ElementKind {
        guard name.count <= 8 else {
            let key = String(decoding: name, as: UTF8.self).lowercased()
            return key == "blockquote" || key == "figcaption" ? .paragraph : .inline
        }
        return classify(packed: PackedKey.packFolded(name))
    }

    /// The kind of an element whose name of at most eight bytes is packed into `key`.
    ///
    /// The keys are constants, so that classifying a tag loads no table: each is a name's
    /// bytes folded and packed as ``PackedKey/packFolded(_:)-(C)`` packs them, read from the
    /// right (`"br"` is `0x72_62`).
    static func classify(packed key: UInt64) -> ElementKind {
        switch key {
        case 0x72_62, 0x69_6C, 0x72_74, 0x74_64, 0x64_64, 0x6E_6F_69_74_70_6F:
            // br, li, tr, dt, dd, option
            return .lineBreak
        case 0x70, 0x76_69_64, 0x31_68, 0x32_68, 0x33_68, 0x34_68, 0x35_68, 0x36_68, 0x6C_75, 0x6C_6F, 0x6C_64:
            // p, div, h1 to h6, ul, ol, dl
            return .paragraph
        case 0x65_6C_62_61_74, 0x6E_6F_69_74_63_65_73, 0x65_6C_63_69_74_72_61, 0x72_65_64_61_65_68,
            0x72_65_74_6F_6F_66, 0x65_64_69_73_61, 0x76_61_6E, 0x72_68, 0x65_72_75_67_69_66:
            // table, section, article, header, footer, aside, nav, hr, figure
            return .paragraph
        case 0x73_73_65_72_64_64_61, 0x6E_69_61_6D, 0x6D_72_6F_66, 0x74_65_73_64_6C_65_69_66,
            0x73_6C_69_61_74_65_64, 0x79_72_61_6D_6D_75_73, 0x72_65_74_6E_65_63, 0x79_64_6F_62_74, 0x64_61_65_68_74:
            // address, main, form, fieldset, details, summary, center, tbody, thead
            return .paragraph
        case 0x64_74, 0x68_74:
            // td, th
            return .cell
        case 0x65_72_70:
            // pre
            return .preformatted
        case 0x74_70_69_72_63_73, 0x65_6C_79_74_73, 0x74_70_69_72_63_73_6F_6E, 0x65_74_61_6C_70_6D_65_74,
            0x65_6D_61_72_66_69, 0x74_63_65_6A_62_6F, 0x67_76_73, 0x64_61_65_68, 0x65_6C_74_69_74,
            0x61_65_72_61_74_78_65_74:
            // script, style, noscript, template, iframe, object, svg, head, title, textarea
            return .raw
        case 0x67_6D_69:
            // img
            return .image
        default:
            return .inline
        }
    }
}
