import Foundation
import GRDB
import Orchestration
import TrotterStore
import TrotterSupport

/// The notification step: reads the log after its own cursor and tells people about runs that ended, jobs that
/// failed and phases awaiting approval: a line in the log and a Slack-compatible `{"text": ...}` POST to each
/// `notify[].webhook`; and every event to each `notify[].eventbridge` bus (``EventBridgeDelivery``).
///
/// Each delivery is recorded in `notifications` (event id, target: a digest of the webhook, whose path is a
/// secret that has no place in the store's ledger) and the cursor advances after each event, so a
/// restart resends nothing already delivered. Delivery is at least once: only a crash between a POST and its record
/// can repeat it.
///
/// In lease mode every send and every cursor move first checks that the run is still this driver's (the fence):
/// a server that paused past its lease and wakes sends nothing that the server which took the run over sends, and
/// stops. Only a send already under way when it paused can be repeated.
final class NotificationStep: Sendable {
    static let cursorName = "notifier"
    let runID: String
    let definition: MachineDefinition
    let context: DriverContext
    let signal = WakeSignal()

    init(runID: String, definition: MachineDefinition, context: DriverContext) {
        self.runID = runID; self.definition = definition; self.context = context
    }

    /// Runs until it has handled the event that ended the run. Between catch-ups it sleeps until the driver
    /// signals that it folded new events.
    func run() async throws {
        while !Task.isCancelled {
            if try await catchUp() { return }
            await signal.wait()
        }
    }

    /// Handles every event after the cursor. - Returns: true once the run's end has been handled.
    private func catchUp() async throws -> Bool {
        let (runID, store) = (runID, context.store)
        let (cursor, lastKind) = try await store.read { db in
            let cursor = try Store.cursor(runID: runID, step: Self.cursorName, db)
            let kind = try String.fetchOne(db.cachedStatement(sql: "SELECT kind FROM statuses WHERE run_id = ? AND seq = ?"),
                                           arguments: [runID, cursor])
            return (cursor, kind)
        }
        var ended = lastKind == StatusEventKind.runFinished.rawValue
        var handled: Int64?
        func saveCursor() async throws {
            guard let seq = handled else { return }
            try await store.write { db in
                try self.checkOwner(db)
                try Store.setCursor(runID: runID, step: Self.cursorName, seq: seq, db)
            }
            handled = nil
        }
        let events = try await store.events(runID: runID, after: cursor)
        try await publishToEventBridge(events)
        // Stopped mid-delivery (the engine shut down or its driver died): a send cut short is not a send, so the
        // cursor stays where it is and the next driver sends again (the ledgers skip what did arrive).
        try Task.checkCancellation()
        for event in events {
            if let text = NotificationMessage.text(for: event, machine: definition.name) {
                context.logger.notice("\(text)")
                for target in definition.notify { try await deliver(text, for: event, to: target.webhook) }
                try Task.checkCancellation()
            }
            handled = event.seq
            // The cursor moves past each delivered event at once; past the rest (most of a sweep's hundreds of
            // job events) once per batch. Deliveries have their own ledger, so a crash in between repeats nothing.
            if !definition.notify.isEmpty { try await saveCursor() }
            // A redriven run goes on after a runFinished, so "ended" means the last event handled ended it.
            ended = event.kind == .runFinished
        }
        try await saveCursor()
        return ended
    }

    /// Every event, not only those people hear about, goes to each `eventbridge` target.
    private func publishToEventBridge(_ events: [StatusEvent]) async throws {
        guard !definition.eventBridge.isEmpty, !events.isEmpty else { return }
        guard let aws = context.aws else {
            context.logger.error("run \(runID): this trotter has no AWS client, so \(events.count) event(s) were not sent to EventBridge")
            return
        }
        let delivery = EventBridgeDelivery(aws: aws, store: context.store, logger: context.logger)
        for target in definition.eventBridge { try await delivery.deliver(events, to: target) { db in try self.checkOwner(db) } }
    }

    /// The fence (lease mode): throws `ownedElsewhere` once another server has taken the run over.
    func checkOwner(_ db: SQLDatabase) throws {
        if let fence = context.fence { try Store.checkOwner(runID: runID, token: fence, db) }
    }

    private func deliver(_ text: String, for event: StatusEvent, to webhook: String) async throws {
        let (store, target) = (context.store, Self.ledgerTarget(webhook))
        let delivered: Bool?
        do {
            delivered = try await store.read { db in
                try self.checkOwner(db)
                return try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM notifications WHERE event_id = ? AND target = ?"),
                                         arguments: [event.id, target])
            }
        } catch let error as EngineError where error.code == .ownedElsewhere {
            throw error
        } catch {
            delivered = nil   // the ledger unreadable: at least once, so send
        }
        if delivered == true { return }
        let body = NotificationMessage.slackJSON(text)
        for attempt in 1...3 {
            do {
                let (status, _) = try await context.sender.post(url: webhook, json: body)
                if (200..<300).contains(status) {
                    _ = try? await store.write { db in try Store.recordNotification(eventID: event.id, target: target, db) }
                    return
                }
                context.logger.warning("webhook \(URLRedaction.hostOnly(webhook)) answered HTTP \(status) (attempt \(attempt) of 3)")
            } catch {
                context.logger.warning("\(error) (attempt \(attempt) of 3)")
            }
            try? await Task.sleep(for: .milliseconds(200 * attempt))
        }
        context.logger.error("gave up notifying \(URLRedaction.hostOnly(webhook)) about \(event.kind.rawValue) of run \(event.runID)")
    }

    /// How the ledger names a webhook: `sha256:` and the hex digest of its address.
    static func ledgerTarget(_ webhook: String) -> String {
        "sha256:" + Hex.sha256(webhook)
    }
}
