/// One sentence of the title or text.
struct Sentence: Sendable {
    var tokenStart: Int32
    var tokenEnd: Int32
    var sourceStart: Int32
    var sourceEnd: Int32
    /// `.title` or `.text`: the string the source offsets refer to.
    var field: Field
    var exclamations: Int32 = 0
    var questions: Int32 = 0
    var languageScores = SIMD8<Int32>()
    var ngrams: Int32 = 0
}
