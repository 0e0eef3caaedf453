import DashboardModel
import DashboardViews
import Logging
import TrotterSupport

/// Runs the update function's effects against the manager off the UI thread; results come back as
/// messages through the inbox, so the UI never waits on the network or the store.
struct EffectRunner: Sendable {
    let manager: any ManagerService
    let inbox: Inbox
    let logger: Logger

    func run(_ effect: Effect) {
        let manager = manager, inbox = inbox, logger = logger
        switch effect {
        case .quit, .repaint, .copy:
            return  // the loop handles these itself
        case .refresh:
            Task { await report(inbox, logger, "sweep") { _ = try await manager.sweepNow(); return .info("Sweep started.") } }
        case .loadRunLog(let runID, let seq):
            Task {
                await report(inbox, logger, "load run \(runID)") { .runLog(try await manager.runLog(runID: runID, after: seq)) }
            }
        case .loadHistory(let p, let c, let db, let coll):
            Task {
                await report(inbox, logger, "history \(db).\(coll)") {
                    let samples = try await manager.history(projectID: p, cluster: c, db: db, collection: coll)
                    return .history(namespaceKey: "\(p)/\(c)/\(db).\(coll)", samples: samples)
                }
            }
        case .addProject(let sub):
            logger.info("adding project \(sub.projectID) with public key \(sub.publicKey)")
            Task {
                do {
                    let runID = try await manager.addProject(projectID: sub.projectID, publicKey: sub.publicKey,
                                                             privateKey: sub.privateKey)
                    inbox.post(.projectAdded(runID: runID))
                } catch {
                    logger.warning("adding project \(sub.projectID) failed: \(String(describing: error))")
                    inbox.post(.formFailed(String(describing: error)))
                }
            }
        case .listOrganisation(let sub):
            logger.info("listing the projects of public key \(sub.publicKey)")
            Task {
                do {
                    let key = ImportKey(publicKey: sub.publicKey, privateKey: Secret(sub.privateKey))
                    inbox.post(.organisationListed(try await manager.listImport(key, match: nil)))
                } catch {
                    logger.warning("listing the organisation failed: \(String(describing: error))")
                    inbox.post(.organisationFailed(String(describing: error)))
                }
            }
        case .importOrganisation(let sub, let listing, let chosen):
            logger.info("importing \(chosen.count) project(s) with public key \(sub.publicKey)")
            Task {
                do {
                    let key = ImportKey(publicKey: sub.publicKey, privateKey: Secret(sub.privateKey))
                    let outcomes = try await manager.importProjects(key, listing: listing, chosen: chosen) { inbox.post(.importOutcome($0)) }
                    inbox.post(.importFinished(outcomes))
                } catch {
                    logger.warning("importing the organisation failed: \(String(describing: error))")
                    inbox.post(.organisationFailed(String(describing: error)))
                }
            }
        case .approve(let runID):
            Task { await report(inbox, logger, "approve \(runID)") { try await manager.approve(runID: runID); return .info("Approved the next phase of \(runID).") } }
        case .retry(let runID, let job):
            Task { await report(inbox, logger, "retry \(job)") { try await manager.retry(runID: runID, job: job); return .info("Retrying \(job) in \(runID).") } }
        case .cancel(let runID):
            Task { await report(inbox, logger, "cancel \(runID)") { try await manager.cancel(runID: runID); return .info("Cancelled \(runID).") } }
        }
    }
}

/// Runs one manager call and posts its result, or its error (already written for a person), to the inbox.
private func report(_ inbox: Inbox, _ logger: Logger, _ what: String,
                    _ body: @Sendable () async throws -> Message) async {
    do {
        inbox.post(try await body())
    } catch {
        logger.warning("\(what) failed: \(String(describing: error))")
        inbox.post(.failed(String(describing: error)))
    }
}
