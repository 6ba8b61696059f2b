import VigieSample

/// The package's seeded generator, so that randomized tests reproduce.
typealias SplitMix64 = VigieSample.SplitMix64
