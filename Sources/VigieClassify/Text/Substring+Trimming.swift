// Small trimming helpers for reading the data files.

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}

extension String {
    var trimmingSpaces: Substring { Substring(self).trimmingSpaces }
}

extension Substring {
    func trimmingCharacters(_ c: Character) -> Substring {
        var s = self
        while s.last == c { s.removeLast() }
        return s
    }
}
