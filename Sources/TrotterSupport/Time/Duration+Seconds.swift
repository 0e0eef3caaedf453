extension Duration {
    /// The duration as seconds in a `Double`: for SQL intervals, REAL columns and benchmark figures.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
