/// The shape of a synthetic corpus over time, fixed by the seed before any record is made:
/// how much each brand is talked about each day, in which mood, and when the spikes come.
///
/// Volume per day is `weekday seasonality × slow growth × Σ brand share × spike multiplier`.
/// One brand goes through a crisis week (volume up to nine times its baseline, nearly all
/// negative); two others run a short campaign (volume up, mood up). Each brand's mood starts
/// from its own baseline and drifts linearly over the period.
struct Timeline: Sendable {
    struct Spike: Sendable, Hashable {
        let brand: Int
        let firstDay: Int
        let profile: [Double]

        func multiplier(day: Int) -> Double {
            let k = day - firstDay
            return k >= 0 && k < profile.count ? profile[k] : 1
        }

        func covers(day: Int) -> Bool {
            day >= firstDay && day < firstDay + profile.count
        }
    }

    static let secondsPerDay: Int64 = 86_400
    /// Share of posts that name no brand (general talk about customer relations).
    static let unbrandedShare = 0.15
    /// Monday first: weekdays busier than weekends.
    static let weekdayFactors: [Double] = [1.10, 1.15, 1.10, 1.05, 0.95, 0.62, 0.55]
    static let crisisProfile: [Double] = [5, 9, 8, 6, 4, 3, 2]
    static let campaignProfile: [Double] = [3, 2]

    let startSeconds: Int64
    let endSeconds: Int64
    let dayCount: Int
    let brandShares: [Double]
    let baseMood: [Double]
    let moodDrift: [Double]
    let crisis: Spike?
    let campaigns: [Spike]
    /// Running total of day weights: `cumulativeWeights[d]` covers days `0...d`.
    let cumulativeWeights: [Double]

    init(seed: UInt64, brandCount: Int, startSeconds: Int64, endSeconds: Int64) {
        var rng = SplitMix64(seed: seed ^ 0x5EED_71AE_11AE_0001)
        self.startSeconds = startSeconds
        self.endSeconds = max(endSeconds, startSeconds + Self.secondsPerDay)
        let span = self.endSeconds - startSeconds
        dayCount = Int((span + Self.secondsPerDay - 1) / Self.secondsPerDay)

        // Zipf-like shares over a seeded order of the brands.
        var order = Array(0..<brandCount)
        for i in order.indices.reversed() where i > 0 {
            order.swapAt(i, rng.below(i + 1))
        }
        var shares = [Double](repeating: 0, count: brandCount)
        for (rank, brand) in order.enumerated() {
            shares[brand] = 1 / Double(rank + 1).squareRoot()
        }
        let total = shares.reduce(0, +)
        brandShares = shares.map { total > 0 ? $0 / total * (1 - Self.unbrandedShare) : 0 }
        baseMood = (0..<brandCount).map { _ in -0.35 + 0.8 * rng.unit() }
        moodDrift = (0..<brandCount).map { _ in -0.5 + rng.unit() }

        var spikes: [Spike] = []
        if brandCount > 0 {
            let crisisBrand = rng.below(brandCount)
            let room = max(dayCount - Self.crisisProfile.count, 0)
            let first = Int(Double(room) * (0.3 + 0.4 * rng.unit()))
            spikes.append(Spike(brand: crisisBrand, firstDay: first, profile: Self.crisisProfile))
            var others = (0..<brandCount).filter { $0 != crisisBrand }
            for _ in 0..<min(2, others.count) {
                let brand = others.remove(at: rng.below(others.count))
                let day = rng.below(max(dayCount - Self.campaignProfile.count, 1))
                spikes.append(Spike(brand: brand, firstDay: day, profile: Self.campaignProfile))
            }
        }
        crisis = spikes.first
        campaigns = Array(spikes.dropFirst())

        var cumulative: [Double] = []
        cumulative.reserveCapacity(dayCount)
        var running = 0.0
        for day in 0..<dayCount {
            running += Self.dayWeight(
                day: day, startSeconds: startSeconds, dayCount: dayCount, shares: brandShares, spikes: spikes)
            cumulative.append(running)
        }
        cumulativeWeights = cumulative
    }

    var spikes: [Spike] { (crisis.map { [$0] } ?? []) + campaigns }

    func dayStart(_ day: Int) -> Int64 {
        startSeconds + Int64(day) * Self.secondsPerDay
    }

    /// Seconds in `day`, shorter for the last one when the period ends mid-day.
    func dayLength(_ day: Int) -> Int64 {
        min(Self.secondsPerDay, endSeconds - dayStart(day))
    }

    /// Weights of each brand on `day`, then the unbranded weight last.
    func brandWeights(day: Int) -> [Double] {
        var weights = brandShares
        for spike in spikes where spike.covers(day: day) {
            weights[spike.brand] *= spike.multiplier(day: day)
        }
        weights.append(Self.unbrandedShare)
        return weights
    }

    /// Mean mood of `brand` at `fraction` of the period, in -1...1.
    func mood(brand: Int, day: Int, fraction: Double) -> Double {
        var m = baseMood[brand] + moodDrift[brand] * (fraction - 0.5)
        if campaigns.contains(where: { $0.brand == brand && $0.covers(day: day) }) {
            m += 0.7
        }
        return min(max(m, -1), 1)
    }

    func isCrisis(brand: Int, day: Int) -> Bool {
        guard let crisis else { return false }
        return crisis.brand == brand && crisis.covers(day: day)
    }

    func isCampaign(brand: Int, day: Int) -> Bool {
        campaigns.contains { $0.brand == brand && $0.covers(day: day) }
    }

    private static func dayWeight(
        day: Int, startSeconds: Int64, dayCount: Int, shares: [Double], spikes: [Spike]
    ) -> Double {
        let weekday = CivilDate.weekday(secondsSince1970: startSeconds + Int64(day) * secondsPerDay)
        let growth = 0.85 + 0.3 * Double(day) / Double(max(dayCount - 1, 1))
        var brands = unbrandedShare
        for (brand, share) in shares.enumerated() {
            var multiplier = 1.0
            for spike in spikes where spike.brand == brand {
                multiplier *= spike.multiplier(day: day)
            }
            brands += share * multiplier
        }
        return weekdayFactors[weekday] * growth * brands
    }
}
