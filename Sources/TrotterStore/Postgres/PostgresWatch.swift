/// The NOTIFY channel of the store's trigger (`postgres-v1-notify`, narrowed by `postgres-v2-notify-statuses-only`):
/// `statuses:<run id>` when a run's log grew. The coordination layer's notices use a channel of their own.
enum PostgresWatch {
    static let channel = "trotter_store"
}
