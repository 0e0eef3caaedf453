/// The NOTIFY channel of the store's triggers (`postgres-v1-notify`): `statuses:<run id>` when a run's log grew,
/// `team:` when the team feed did. The coordination layer's notices use a channel of their own.
enum PostgresWatch {
    static let channel = "trotter_store"
}
