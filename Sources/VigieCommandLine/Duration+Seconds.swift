extension Duration {
    /// The duration in seconds, for figures printed with a few decimals.
    package var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
