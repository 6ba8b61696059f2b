extension QueryMatcher {
    /// Every place query `query` names something it looks for: the spans of its terms,
    /// phrases and NEARs outside a `NOT`. What a brand's sentiment is read around; empty
    /// for a query that matched without a position (only `NOT` or `lang:`).
    func mentions(_ query: Int) -> [Witness] {
        var out: [Witness] = []
        gather(roots[query], into: &out)
        return out
    }

    private func gather(_ nodeIndex: Int32, into out: inout [Witness]) {
        let node = nodes[Int(nodeIndex)]
        switch node.kind {
        case .and, .or:
            for k in 0 ..< Int(node.b) { gather(operands[Int(node.a) + k], into: &out) }
        case .not, .language:
            break
        case .term, .phrase, .near:
            collect(nodeIndex, into: &out)
        }
    }
}
