/// Evaluates compiled queries against one post, valid inside `QuerySet.withMatcher`.
struct QueryMatcher {
    let nodes: UnsafeBufferPointer<QuerySet.Node>
    let operands: UnsafeBufferPointer<Int32>
    let roots: UnsafeBufferPointer<Int32>
    let head: UnsafeBufferPointer<Int32>
    let token: UnsafeBufferPointer<Int32>
    let next: UnsafeBufferPointer<Int32>
    let candidate: UnsafeBufferPointer<Bool>
    let tokens: UnsafeBufferPointer<Token>
    let languageLane: Int32

    typealias Witness = QuerySet.Witness

    /// Evaluates query `query`; `.none` when it does not match.
    func match(_ query: Int) -> Witness {
        guard candidate[query] else { return .none }
        return evaluate(roots[query])
    }

    private func evaluate(_ nodeIndex: Int32) -> Witness {
        let node = nodes[Int(nodeIndex)]
        switch node.kind {
        case .term:
            var h = head[Int(node.a)]
            var found = Witness.none
            while h >= 0 {
                let t = token[Int(h)]
                if node.fields & (1 << tokens[Int(t)].field.rawValue) != 0 { found = Witness(start: t, end: t) }
                h = next[Int(h)]
            }
            return found
        case .phrase:
            let first = operands[Int(node.a)]
            var h = head[Int(first)]
            var found = Witness.none
            while h >= 0 {
                let t = token[Int(h)]
                h = next[Int(h)]
                if phraseStarts(node, at: t) { found = Witness(start: t, end: t + node.b - 1) }
            }
            return found
        case .and:
            var witness = Witness.unpositioned
            for k in 0 ..< Int(node.b) {
                let w = evaluate(operands[Int(node.a) + k])
                if !w.matched { return .none }
                if witness.start < 0 && w.start >= 0 { witness = w }
            }
            return witness
        case .or:
            var witness = Witness.none
            for k in 0 ..< Int(node.b) {
                let w = evaluate(operands[Int(node.a) + k])
                if w.matched {
                    if w.start >= 0 { return w }
                    witness = w
                }
            }
            return witness
        case .not:
            return evaluate(node.a).matched ? .none : .unpositioned
        case .language:
            return node.b >= 0 && node.b == languageLane ? .unpositioned : .none
        case .near:
            guard evaluate(node.a).matched, evaluate(node.b).matched else { return .none }
            var left: [Witness] = []
            var right: [Witness] = []
            collect(node.a, into: &left)
            collect(node.b, into: &right)
            for l in left {
                for r in right {
                    let lp = (tokens[Int(l.start)].position, tokens[Int(l.end)].position)
                    let rp = (tokens[Int(r.start)].position, tokens[Int(r.end)].position)
                    let gap = lp.0 <= rp.0 ? rp.0 - lp.1 : lp.0 - rp.1
                    if gap >= 1 && gap <= node.distance + 1 {
                        return Witness(start: min(l.start, r.start), end: max(l.end, r.end))
                    }
                }
            }
            return .none
        }
    }

    @inline(__always)
    private func has(term: Int32, token at: Int32) -> Bool {
        var h = head[Int(term)]
        while h >= 0 {
            if token[Int(h)] == at { return true }
            h = next[Int(h)]
        }
        return false
    }

    /// Whether phrase `node`, whose first word is at token `t`, continues word
    /// by word in the same field.
    @inline(__always)
    private func phraseStarts(_ node: QuerySet.Node, at t: Int32) -> Bool {
        guard node.fields & (1 << tokens[Int(t)].field.rawValue) != 0 else { return false }
        for k in 1 ..< Int(node.b) {
            let want = Int(t) + k
            if want >= tokens.count || tokens[want].position != tokens[Int(t)].position + Int32(k)
                || !has(term: operands[Int(node.a) + k], token: Int32(want))
            {
                return false
            }
        }
        return true
    }

    /// Every span a positional node matches.
    func collect(_ nodeIndex: Int32, into out: inout [Witness]) {
        let node = nodes[Int(nodeIndex)]
        switch node.kind {
        case .term:
            var h = head[Int(node.a)]
            while h >= 0 {
                let t = token[Int(h)]
                if node.fields & (1 << tokens[Int(t)].field.rawValue) != 0 { out.append(Witness(start: t, end: t)) }
                h = next[Int(h)]
            }
        case .phrase:
            var h = head[Int(operands[Int(node.a)])]
            while h >= 0 {
                let t = token[Int(h)]
                h = next[Int(h)]
                if phraseStarts(node, at: t) { out.append(Witness(start: t, end: t + node.b - 1)) }
            }
        case .or:
            for k in 0 ..< Int(node.b) { collect(operands[Int(node.a) + k], into: &out) }
        case .near:
            let w = evaluate(nodeIndex)
            if w.matched && w.start >= 0 { out.append(w) }
        case .and, .not, .language:
            break
        }
    }
}
