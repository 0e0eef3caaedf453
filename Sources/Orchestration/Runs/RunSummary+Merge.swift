extension RunSummary {
    /// `current` with `changed` folded in, newest first. Of two summaries of one run the one with the higher
    /// `lastSeq` wins, since two refreshes that read at different moments may land in either order; runs not
    /// listed yet go first (they are the newest), in `changed`'s order.
    public static func merging(_ changed: [RunSummary], into current: [RunSummary]) -> [RunSummary] {
        guard !changed.isEmpty else { return current }
        var pending = Dictionary(changed.map { ($0.id, $0) }, uniquingKeysWith: { a, b in a.lastSeq >= b.lastSeq ? a : b })
        let kept = current.map { run -> RunSummary in
            guard let other = pending.removeValue(forKey: run.id) else { return run }
            return other.lastSeq >= run.lastSeq ? other : run
        }
        var added: [RunSummary] = []
        for run in changed { if let new = pending.removeValue(forKey: run.id) { added.append(new) } }
        return added + kept
    }
}
