import Testing

/// Every test that needs PostgreSQL hangs under this suite: one cluster for all of them, one at a time (the
/// process tests judge leases of one second on a machine shared with builds).
@Suite(.serialized, PostgresCluster()) struct CoordinationSuite {}
