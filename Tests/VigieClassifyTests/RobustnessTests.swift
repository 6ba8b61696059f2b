import Testing
import VigieModel

@testable import VigieClassify

@Suite struct RobustnessTests {
    let classifier: Classifier

    init() throws {
        classifier = try Classifier(brands: [Brand(id: 1, name: "Orange", query: "orange OR \"orange business\"")])
    }

    @Test(arguments: [
        "Доставка задерживается уже третий день, поддержка не отвечает.",
        "配達が三日も遅れていて、サポートから返事がありません。",
        "التوصيل متأخر منذ ثلاثة أيام",
    ])
    func scriptsWithoutAProfileAreUndetermined(text: String) {
        let result = classifier.classify(ClassifierInput(text: text))
        #expect(result.lang == "und")
        #expect(result.sentences.count == 1)
        #expect(result.sentiment.label == .neutral)
    }

    @Test func longPostsAreHandledWhole() {
        let sentence = "Orange a encore coupé ma ligne sans prévenir, service client injoignable. "
        let text = String(repeating: sentence, count: 1500)
        let result = classifier.classify(ClassifierInput(text: text))
        #expect(result.sentences.count == 1500)
        #expect(result.brands.map(\.id) == [1])
        #expect(result.sentiment.label == .negative)
        #expect(result.explanation.count < 40)
    }

    @Test func oddInputsDoNotTrip() {
        let inputs = [
            "", " ", "\n\n\n", "!!!???...", "👍🏽👨‍👩‍👧🇫🇷", "'''’’’", "a'b'c'd", "----", ":):(:D<3", "http://x.y/z?a=b#c",
            "0", "+", "+33", "FR76", "@@@", "a@b", "é", "\u{301}\u{301}", "l'", "n'", "ÉÉÉÉ!!!", String(repeating: "x", count: 10_000),
        ]
        for text in inputs {
            let result = classifier.classify(ClassifierInput(title: text, text: text, author: text, lang: "fr"))
            #expect(result.sentiment.score >= -1 && result.sentiment.score <= 1, "\(text)")
            for s in result.sentences { #expect(text.contains(s.text), "\(text)") }
        }
    }

    @Test func spansPointAtTheirText() throws {
        let text = "Ça y est : « Orange Business » a rappelé, merci 🙏 ! Mon IBAN FR14 2004 1010 0505 0001 3M02 606."
        let result = classifier.classify(ClassifierInput(text: text))
        let scalars = Array(text.unicodeScalars)
        let spans = result.brands.compactMap(\.span) + result.categories.compactMap(\.span)
        #expect(!spans.isEmpty)
        for span in spans {
            let slice = String(String.UnicodeScalarView(scalars[span.start ..< span.end]))
            #expect(slice == span.text)
        }
    }
}
