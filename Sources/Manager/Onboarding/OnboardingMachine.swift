import Orchestration

/// Onboarding a project is a state-machine run like any other, made of built-in jobs:
/// validate keys → discover clusters → deploy the worker app → link every cluster (one job each, in
/// parallel) → install the collector functions and their trigger → first sweep.
/// Every job is idempotent, so re-running onboarding on a project changes nothing that is already right.
enum OnboardingMachine {
    /// Every onboarding machine is named `onboard-<project name>`.
    static let namePrefix = "onboard-"
    static let validateKeys = "onboard.validateKeys"
    static let discoverClusters = "onboard.discoverClusters"
    static let deployWorker = "onboard.deployWorker"
    static let linkCluster = "onboard.linkCluster"
    static let installCollector = "onboard.installCollector"
    static let firstSweep = "onboard.firstSweep"

    static func definition(projectID: String, projectName: String, clusters: [String]) -> MachineDefinition {
        let p = ["project": projectID]
        // Network jobs retry a few times: a 5xx or a rate limit should not fail an onboarding.
        let retry = RetryPolicy(attempts: 3, backoff: .seconds(2))
        func job(_ name: String, _ builtin: String, _ params: [String: String] = [:]) -> JobDefinition {
            JobDefinition(name: name, run: .builtin(name: builtin, params: p.merging(params) { a, _ in a }),
                          timeout: .seconds(300), retry: retry)
        }
        // One link job per cluster known now; the collector phase links any cluster discovered later.
        var linkJobs = clusters.map { job("link-\(MachineNames.safe($0))", linkCluster, ["cluster": $0]) }
        if linkJobs.isEmpty { linkJobs = [job("link-discovered", linkCluster)] }
        return MachineDefinition(name: namePrefix + MachineNames.safe(projectName), phases: [
            PhaseDefinition(name: "validate-keys", jobs: [job("validate", validateKeys)]),
            PhaseDefinition(name: "discover-clusters", jobs: [job("discover", discoverClusters)]),
            PhaseDefinition(name: "deploy-worker", jobs: [job("deploy", deployWorker)]),
            PhaseDefinition(name: "link-clusters", jobs: linkJobs),
            PhaseDefinition(name: "install-collector", jobs: [job("install", installCollector)]),
            PhaseDefinition(name: "first-sweep", jobs: [job("sweep", firstSweep)]),
        ])
    }
}

/// A sweep is a run too: every project collected in parallel (bounded by the manager), then a report phase
/// that runs whatever happened, raising threshold notifications.
enum SweepMachine {
    static let name = "sweep"
    static let collectProject = "sweep.collectProject"
    static let report = "sweep.report"

    /// Nil when no project is ready to sweep (a phase may not be empty).
    static func definition(projects: [(id: String, name: String)]) -> MachineDefinition? {
        guard !projects.isEmpty else { return nil }
        let jobs = projects.map { p in
            JobDefinition(name: "collect-\(MachineNames.safe(p.name))-\(p.id.suffix(6))",
                          run: .builtin(name: collectProject, params: ["project": p.id]), timeout: .seconds(600))
        }
        return MachineDefinition(name: name, phases: [
            PhaseDefinition(name: "collect", jobs: jobs),
            PhaseDefinition(name: "report", when: .always,
                            jobs: [JobDefinition(name: "thresholds", run: .builtin(name: report, params: [:]))]),
        ])
    }
}

/// Job and phase names appear in conditions, so they keep to letters, digits, `-` and `_`.
enum MachineNames {
    static func safe(_ raw: String) -> String {
        let mapped = raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "-" }
        let s = String(mapped.prefix(48))
        return s.isEmpty ? "x" : s
    }
}
