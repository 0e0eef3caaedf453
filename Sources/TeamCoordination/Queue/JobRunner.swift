/// A server's share of the queue: `concurrency` loops that each claim one job, work it while a heartbeat renews
/// its lease every `lease / 3`, and complete or fail it with the claim's fence. A refused heartbeat (another
/// server took the job after this one stalled) cancels the work and writes nothing. Idle loops wait for a
/// `jobs` notice, which wakes one of them; the first also claims every `pollInterval` (leases that expired
/// meanwhile included). A loop that claims a job wakes one more, so a batch spreads over the idle loops one claim
/// at a time and a single job costs one claim per server, not one per idle loop.
public struct JobRunner: Sendable {
    /// What happened, for logs and tests.
    public enum Event: Sendable {
        case started(ClaimedJob)
        case completed(ClaimedJob)
        case failed(ClaimedJob, requeued: Bool, message: String)
        /// A fenced write (`heartbeat` or `complete`) was refused: the job is another server's now.
        case refused(ClaimedJob, write: String)
        case error(CoordinationError)
        /// The notice listener is (again) in effect.
        case listening
        /// A job failed for good because its lease expired at its last attempt (`takenOverFrom`: the server that
        /// held it); nobody will report its outcome.
        case abandoned(ClaimedJob)
        /// A job failed for good because its work threw at its last attempt (`failed(_, requeued: false)` too).
        case gaveUp(ClaimedJob, message: String)
    }

    public var server: String
    public var lease: Duration
    public var pollInterval: Duration
    public var concurrency: Int
    /// The lane this runner claims from; nil: every lane.
    public var lane: String?
    let coordinator: Coordinator

    public init(coordinator: Coordinator, server: String, lease: Duration = JobQueue.defaultLease,
                pollInterval: Duration = .seconds(2), concurrency: Int = 1, lane: String? = nil) {
        self.coordinator = coordinator
        self.server = server
        self.lease = lease
        self.pollInterval = pollInterval
        self.concurrency = max(1, concurrency)
        self.lane = lane
    }

    /// Runs until cancelled. `work` returns the job's result; a thrown error fails the job (retried while it has
    /// attempts left).
    public func run(listen: Bool = true, events: @escaping @Sendable (Event) -> Void = { _ in },
                    work: @escaping @Sendable (ClaimedJob) async throws -> String) async {
        let doorbell = Doorbell()
        await withTaskGroup(of: Void.self) { group in
            if listen {
                let listener = coordinator.makeListener(topics: ["jobs"]) { signal in
                    doorbell.ringOne()
                    if signal == .listening { events(.listening) }
                }
                group.addTask { await listener.run() }
            }
            for index in 0..<concurrency {
                // Only the first loop polls on the timer (for leases that expired meanwhile); the others wait for a
                // notice, or for the first loop to find work: N idle loops asking every interval cost N queries
                // for what one finds.
                let idleWait = index == 0 ? pollInterval : pollInterval * 30
                group.addTask {
                    while !Task.isCancelled {
                        do {
                            let (claimed, abandoned) = try await coordinator.queue.claimReporting(by: server, limit: 1, lease: lease, lane: lane)
                            for job in abandoned { events(.abandoned(job)) }
                            guard let job = claimed.first else {
                                _ = await doorbell.wait(timeout: idleWait)
                                continue
                            }
                            // There may be more where this came from: another idle loop looks.
                            doorbell.ringOne()
                            await perform(job, events: events, work: work)
                        } catch {
                            events(.error(error as? CoordinationError ?? CoordinationError(.database, "\(error)")))
                            _ = await doorbell.wait(timeout: pollInterval)
                        }
                    }
                }
            }
            await group.waitForAll()
        }
    }

    /// A runner stopping (its task cancelled) hands its job back at once instead of leaving it to its lease. From a
    /// task of its own: queries in the cancelled one would be refused before they start.
    private static func giveBack(_ job: ClaimedJob, _ queue: JobQueue) async {
        await Task { try? await queue.release(job) }.value
    }

    private enum Step: Sendable {
        case worked(Result<String, any Error>)
        case lost
        case stopped

        var isSuccess: Bool {
            if case .worked(.success) = self { return true }
            return false
        }
    }

    private func perform(_ job: ClaimedJob, events: @Sendable (Event) -> Void,
                         work: @escaping @Sendable (ClaimedJob) async throws -> String) async {
        events(.started(job))
        let queue = coordinator.queue, lease = lease
        let step = await withTaskGroup(of: Step.self) { group -> Step in
            group.addTask {
                do { return .worked(.success(try await work(job))) } catch { return .worked(.failure(error)) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: lease / 3)
                    guard !Task.isCancelled else { break }
                    do { try await queue.heartbeat(job, lease: lease) } catch let error as CoordinationError
                        where error.code == .staleFence { return .lost } catch {
                        // A hiccup: the next beat tries again; the lease covers two more.
                    }
                }
                return .stopped
            }
            let first = await group.next() ?? .stopped
            group.cancelAll()
            return first
        }
        do {
            switch step {
            case .lost:
                events(.refused(job, write: "heartbeat"))
            case .stopped:
                await Self.giveBack(job, queue)
            case .worked(.success(let result)):
                try await queue.complete(job, result: result)
                events(.completed(job))
            case .worked(.failure(let error as CoordinationError)) where error.code == .staleFence:
                // The work's own fenced write (its outcome) was refused: the job is another server's.
                events(.refused(job, write: "outcome"))
            case .worked(.failure(let error)):
                if error is CancellationError || Task.isCancelled {
                    await Self.giveBack(job, queue)
                } else {
                    let message = "\(error)"
                    let requeued = try await queue.fail(job, message: message)
                    events(.failed(job, requeued: requeued, message: message))
                    if !requeued { events(.gaveUp(job, message: message)) }
                }
            }
        } catch let error as CoordinationError where error.code == .staleFence {
            events(.refused(job, write: step.isSuccess ? "complete" : "fail"))
        } catch {
            events(.error(error as? CoordinationError ?? CoordinationError(.database, "\(error)")))
        }
    }
}
