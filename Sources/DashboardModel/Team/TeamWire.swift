import Foundation
import Orchestration

/// The JSON bodies of the team API (`/v1/...`), shared by the server and the remote manager so both ends agree.
public enum TeamWire {
    public static let version = "v1"

    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .millisecondsSince1970
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .millisecondsSince1970
        return d
    }

    /// `POST /v1/projects` (the private key goes in; nothing sealed ever comes out).
    public struct AddProject: Codable, Sendable {
        public var projectID: String
        public var publicKey: String
        public var privateKey: String
        public init(projectID: String, publicKey: String, privateKey: String) {
            self.projectID = projectID; self.publicKey = publicKey; self.privateKey = privateKey
        }
    }

    /// `POST /v1/runs`.
    public struct StartRun: Codable, Sendable {
        public var definition: MachineDefinition
        public var stepMode: Bool?
        public init(definition: MachineDefinition, stepMode: Bool?) { self.definition = definition; self.stepMode = stepMode }
    }

    /// `POST /v1/reports`: a job's outcome, authorised by its attempt's task token instead of an API token.
    public struct Report: Codable, Sendable {
        public var runID: String
        public var job: String
        public var taskToken: String
        public var status: String
        public var message: String?
        public init(runID: String, job: String, taskToken: String, status: String, message: String?) {
            self.runID = runID; self.job = job; self.taskToken = taskToken; self.status = status; self.message = message
        }
    }

    public struct RunID: Codable, Sendable {
        public var runID: String
        public init(runID: String) { self.runID = runID }
    }

    /// Every error body: `{"error": "...", "status": N}`.
    public struct Failure: Codable, Sendable {
        public var error: String
        public var status: Int
        public init(error: String, status: Int) { self.error = error; self.status = status }
    }
}

extension TeamWire {
    /// `GET /v1/snapshot`: the snapshot and the newest change-event id read before it, so a stream resumed from that
    /// id misses nothing that came after.
    /// With `?since=TAG` (a `dataTag` from an earlier answer) it is a delta: `unchanged` lists the projects whose
    /// namespaces and clusters have not changed since, and `snapshot` holds only the others' (see ``SnapshotDelta``);
    /// `&runsAfter=N` also cuts the runs to those that moved after seq N.
    public struct SnapshotAt: Codable, Sendable {
        public var eventID: Int64
        public var snapshot: DashboardSnapshot
        /// Names this answer's namespaces and clusters, for the next request's `since`.
        public var dataTag: String?
        /// Set on a delta: the projects whose data the client keeps from what it has.
        public var unchanged: [String]?
        /// Set on a delta asked with `runsAfter=N`: `snapshot.runs` holds only the runs whose log moved after seq N
        /// (and any without events yet), to be merged into the runs the client has.
        public var runsAfter: Int64?
        /// Set on a delta asked with `projectsAt=V` (the version of the snapshot the client holds): `snapshot.projects`
        /// holds only the projects that changed since that version, to replace theirs in place.
        public var projectsAt: Int?
        public init(eventID: Int64, snapshot: DashboardSnapshot, dataTag: String? = nil, unchanged: [String]? = nil,
                    runsAfter: Int64? = nil, projectsAt: Int? = nil) {
            self.eventID = eventID; self.snapshot = snapshot; self.dataTag = dataTag; self.unchanged = unchanged
            self.runsAfter = runsAfter; self.projectsAt = projectsAt
        }
    }

    /// `POST /v1/runs/{id}/retry`.
    public struct Retry: Codable, Sendable {
        public var job: String
        public init(job: String) { self.job = job }
    }

    public struct OK: Codable, Sendable {
        public var ok: Bool
        public init() { ok = true }
    }

    /// `GET /v1/freespace?top=N`: the free-storage rollup made on the server, with the clusters' disks, so
    /// `trotter freespace` gets a few kilobytes instead of every namespace of the organisation.
    public struct FreeSpace: Codable, Sendable {
        public var rollup: FreeSpaceRollup
        public var clusters: [ClusterDisk]
        public init(rollup: FreeSpaceRollup, clusters: [ClusterDisk]) { self.rollup = rollup; self.clusters = clusters }
    }
}
