import AWSAPI
import CurlHTTP
import Foundation
import GRDB
import Logging
import Orchestration
import TrotterStore

/// Publishes status events to an `eventbridge` target: one `PutEvents` entry per event, at most 10 per call.
///
/// The delivery ledger (`notifications`, keyed by event id and target) records each entry EventBridge accepted,
/// so an event is never sent again once recorded. A 200 answer may refuse some entries (`FailedEntryCount`):
/// only those are sent again, with backoff; so are whole batches after a throttle, a 5xx or a dropped connection.
struct EventBridgeDelivery: Sendable {
    let aws: AWSClient
    let store: Store
    let logger: Logger
    var policy = HTTPRetryPolicy(maxAttempts: 6, baseDelay: 0.5, maxDelay: 8, maxTotalWait: 30)

    /// - Parameter fence: checked with the ledger's read, before anything is sent; what it throws (the run is another
    ///   server's now) stops the delivery and is rethrown.
    func deliver(_ events: [StatusEvent], to target: EventBridgeTarget,
                 fence: @escaping @Sendable (SQLDatabase) throws -> Void = { _ in }) async throws {
        guard !events.isEmpty else { return }
        let key = target.ledgerKey
        let ids = events.map(\.id)
        let done: Set<String>
        do {
            done = try await store.read { db in
                try fence(db)
                return try Set(String.fetchAll(db, sql: "SELECT event_id FROM notifications WHERE target = ? AND event_id IN "
                                               + "(\(ids.map { _ in "?" }.joined(separator: ",")))", arguments: SQLArguments([key] + ids)))
            }
        } catch let error as EngineError where error.code == .ownedElsewhere {
            throw error
        } catch {
            done = []   // the ledger unreadable: at least once, so send
        }
        let pending = events.filter { !done.contains($0.id) }
        for start in stride(from: 0, to: pending.count, by: EventBridgeWire.batchLimit) {
            if Task.isCancelled { return }
            await send(Array(pending[start..<min(start + EventBridgeWire.batchLimit, pending.count)]), to: target)
        }
    }

    private func send(_ batch: [StatusEvent], to target: EventBridgeTarget) async {
        var pending = batch
        var attempt = 1
        var waited = 0.0
        while !pending.isEmpty {
            let outcome: HTTPRetryPolicy.Outcome
            var problem: String
            do {
                let response = try await aws.send(EventBridgeWire.call(pending.map { EventBridgeWire.entry($0, target: target) },
                                                                       region: target.region))
                if response.status == 200, let results = EventBridgeWire.results(response.body, count: pending.count) {
                    let accepted = zip(pending, results).filter { $0.1 == .accepted }.map(\.0)
                    await record(accepted, target)
                    let refused = zip(pending, results).compactMap { pair -> (StatusEvent, String)? in
                        if case .refused(let code, let message) = pair.1 { return (pair.0, "\(code) \(message)") }
                        return nil
                    }
                    pending = refused.map(\.0)
                    if pending.isEmpty { return }
                    problem = "\(refused.count) of \(results.count) entries refused (\(refused[0].1))"
                    outcome = .status(503, retryAfter: nil)
                } else if response.status == 200 {
                    problem = "an answer that is not PutEvents' (\(OutputTail.of(Data(response.body))))"
                    outcome = .status(400, retryAfter: nil)
                } else {
                    problem = EventBridgeWire.error(response)
                    outcome = .status(response.status, retryAfter: response.retryAfter)
                }
            } catch let error as HTTPError {
                if error.kind == .cancelled || error.kind == .shutdown { return }
                (problem, outcome) = ("\(error)", .transportFailure(transient: error.isTransient))
            } catch {
                logger.error("eventbridge \(target.bus): \(error)")
                return
            }
            guard let delay = policy.delay(afterAttempt: attempt, outcome: outcome, retryable: true, waitedSoFar: waited,
                                           random: Double.random(in: 0..<1)) else {
                logger.error("eventbridge \(target.bus): gave up on \(pending.count) event(s) after \(attempt) tries: \(problem)")
                return
            }
            logger.warning("eventbridge \(target.bus): \(problem); sending \(pending.count) again in \(String(format: "%.1f", delay)) s")
            do { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) } catch { return }
            waited += delay
            attempt += 1
        }
    }

    private func record(_ events: [StatusEvent], _ target: EventBridgeTarget) async {
        guard !events.isEmpty else { return }
        let key = target.ledgerKey
        do {
            try await store.write { db in
                for event in events { _ = try Store.recordNotification(eventID: event.id, target: key, db) }
            }
        } catch {
            logger.error("eventbridge \(target.bus): delivered but could not record \(events.count) event(s): \(error)")
        }
    }
}
