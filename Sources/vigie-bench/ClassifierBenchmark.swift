import VigieClassify
import VigieCommandLine
import VigieModel

/// In-process throughput of `Classifier.classify` on generated posts, one core.
enum ClassifierBenchmark {
    struct Report: Sendable, Hashable {
        /// Posts per second of CPU time of the classifying thread: the rate of one core,
        /// unaffected by other processes competing for it.
        var postsPerSecond: Double
        /// Posts per second of wall-clock time.
        var postsPerWallSecond: Double
        var posts: Int
        var brandQueries: Int
        var averagePostBytes: Int
        /// CPU seconds of the classifying thread.
        var seconds: Double
        var wallSeconds: Double
        var brandMatches: Int
        var categoryMatches: Int
    }

    private static let sentences: [String] = [
        "Franchement le service client de Nordia est au top, ils m'ont rappelé en moins de dix minutes !",
        "Troisième retard cette semaine sur la ligne 4, c'est vraiment inadmissible et personne ne répond.",
        "Je n'ai jamais eu de souci avec Veloria, livraison rapide et colis en parfait état.",
        "L'application plante à chaque ouverture depuis la mise à jour, pas terrible du tout.",
        "Le conseil d'administration publiera ses résultats annuels le 14 mars prochain.",
        "Quelqu'un sait comment changer l'adresse de livraison d'une commande en cours ?",
        "Appel au boycott de la marque après la polémique sur les conditions de travail.",
        "Mon compte a été piraté et le support ne m'a toujours pas remboursé, je vais porter plainte.",
        "Utilisez le code promo HIVER25 pour profiter de la livraison offerte ce week-end.",
        "Pas mal du tout la nouvelle version, même si l'interface reste un peu lente.",
        "The new Altavo update is great, battery life is much better than before :)",
        "Still waiting for my refund after three weeks, customer service is terrible.",
        "Our team is hiring engineers in Lyon and Berlin, apply before the end of the month.",
        "Breaking: Kestrel Bank confirms a data breach affecting part of its customers.",
        "I never had any problem with their app, but the fees are a bit too high.",
        "Contact me at jean.dupont@example.org or on 06 12 34 56 78 for the order.",
        "Le produit a été rappelé par le fabricant suite à un défaut sur certains lots.",
        "Merci à l'équipe Orvane pour leur réactivité, problème résolu en une journée 👍",
        "This is a scam, they charged my card twice and never answered my emails.",
        "La CNIL a infligé une amende pour non-respect du RGPD et du droit d'accès.",
    ]

    private static let brandNames = [
        "Nordia", "Veloria", "Altavo", "Kestrel Bank", "Orvane", "Lumio", "Terranor", "Quartis", "Belvia", "Sorelle",
        "Axion", "Brivo", "Calixa", "Dunmore", "Elvane", "Fyra", "Gallio", "Hestor", "Ivora", "Jorvik",
        "Kalina", "Lorvat", "Mirelle", "Novado", "Ostra", "Pellion", "Quenza", "Rivane", "Solenza", "Tavor",
        "Ulmera", "Varenne", "Wexor", "Xalia", "Yvora", "Zentra", "Arcadio", "Bellune", "Cortex Mobile", "Delvio",
        "Estoril", "Fenwick", "Garona", "Halvard", "Isendo", "Junova", "Korvel", "Lenora", "Marbel", "Nexora",
    ]

    /// The brand queries used: a name, an alias, a phrase, NEAR, a prefix and NOT, in turn.
    static func brandRules(count: Int) -> [Brand] {
        (0 ..< count).map { k in
            let name = brandNames[k % brandNames.count] + (k >= brandNames.count ? " \(k / brandNames.count)" : "")
            let quoted = "\"\(name)\""
            let query: String
            switch k % 6 {
            case 0: query = quoted
            case 1: query = "\(quoted) OR \(name.prefix(3).uppercased())\(k)"
            case 2: query = "(\(quoted) OR title:\(quoted)) NOT \"\(name) Foundation\""
            case 3: query = "\(quoted) NEAR/5 (service OR app OR application OR support)"
            case 4: query = "\(quoted) OR (\(name.lowercased().prefix(5))* AND (banque OR bank OR mobile))"
            default: query = "\(quoted) AND NOT author:\(quoted)"
            }
            return Brand(id: Int64(k + 1), name: name, query: query)
        }
    }

    /// Posts of about 1 KiB mixing French and English sentences, reproducibly.
    static func posts(count: Int) -> [ClassifierInput] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0 ..< count).map { k in
            var text = ""
            let french = k % 3 != 2
            while text.utf8.count < 960 {
                let pick = next() % 10 + (french ? 0 : 10)
                text += sentences[next() % 4 == 0 ? next() % sentences.count : pick] + " "
            }
            return ClassifierInput(id: "bench-\(k)", title: k % 4 == 0 ? "Avis client \(k)" : nil, text: text)
        }
    }

    /// Classifies `posts` generated posts against `brandCount` brand queries and reports the rate.
    static func run(posts: Int, brandCount: Int) -> Report {
        let classifier: Classifier
        do {
            classifier = try Classifier(brands: brandRules(count: brandCount))
        } catch {
            preconditionFailure("benchmark brand queries must compile: \(error)")
        }
        let inputs = Self.posts(count: max(1, min(posts, 2000)))
        // Warm up caches and lazily loaded data.
        for input in inputs.prefix(50) { _ = classifier.classify(input) }
        var brandMatches = 0
        var categoryMatches = 0
        let start = ContinuousClock.now
        let cpuStart = BenchmarkClock.now()
        for k in 0 ..< posts {
            let result = classifier.classify(inputs[k % inputs.count])
            brandMatches += result.brands.count
            categoryMatches += result.categories.count
        }
        let cpu = BenchmarkClock.seconds(since: cpuStart)
        let wall = (ContinuousClock.now - start).seconds
        let bytes = inputs.reduce(0) { $0 + $1.text.utf8.count + ($1.title?.utf8.count ?? 0) } / inputs.count
        return Report(
            postsPerSecond: Double(posts) / max(cpu, 1e-9), postsPerWallSecond: Double(posts) / max(wall, 1e-9),
            posts: posts, brandQueries: brandCount, averagePostBytes: bytes, seconds: cpu, wallSeconds: wall,
            brandMatches: brandMatches, categoryMatches: categoryMatches)
    }
}
