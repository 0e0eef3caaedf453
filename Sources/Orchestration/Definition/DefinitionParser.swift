import TrotterSupport
/// Turns a JSON tree into a ``MachineDefinition``, rejecting anything doubtful with the JSON path of the fault.
struct DefinitionParser {
    typealias Object = [String: JSONValue]
    private static let reservedWords: Set<String> = ["always", "any", "all", "not", "and", "or", "succeeded", "failed", "skipped"]

    /// Every phase and job name in the document, so a condition naming a later one is told apart from a typo.
    private var allNames: Set<String> = []
    /// Names seen so far during validation, for duplicates.
    private var seen: Set<String> = []
    /// The text of each Lambda payload in the file, by JSON path (``RawPayloads``).
    var rawPayloads: [String: String] = [:]

    mutating func machine(_ tree: JSONValue) throws(DefinitionError) -> MachineDefinition {
        let root = try object(tree, "$")
        try allowOnly(["name", "stepMode", "notify", "phases"], in: root, "$")
        let name = try requiredName(root, "$")
        let stepMode = try root["stepMode"].map { value throws(DefinitionError) in try bool(value, "$.stepMode") } ?? false
        var notify: [NotifyTarget] = []
        var buses: [EventBridgeTarget] = []
        if let list = root["notify"] {
            for (i, item) in try array(list, "$.notify").enumerated() {
                let path = "$.notify[\(i)]"
                let target = try object(item, path)
                if let bus = target["eventbridge"] {
                    try allowOnly(["eventbridge"], in: target, path)
                    buses.append(try eventBridge(bus, "\(path).eventbridge"))
                    continue
                }
                try allowOnly(["webhook", "eventbridge"], in: target, path)
                notify.append(NotifyTarget(webhook: try url(required(target, "webhook", path), "\(path).webhook")))
            }
        }
        guard let phasesTree = root["phases"] else {
            throw DefinitionError(.missingKey, at: "$.phases", "a machine needs \"phases\": a list of phases, each with jobs")
        }
        let phaseTrees = try array(phasesTree, "$.phases")
        guard !phaseTrees.isEmpty else {
            throw DefinitionError(.noPhases, at: "$.phases", "the machine has no phases; add at least one phase with a job")
        }
        allNames = Self.collectNames(phaseTrees)
        var earlier: Set<String> = []
        var phases: [PhaseDefinition] = []
        for (i, phaseTree) in phaseTrees.enumerated() {
            let phase = try self.phase(phaseTree, "$.phases[\(i)]", earlier: earlier)
            phases.append(phase)
            earlier.insert(phase.name)
            for job in phase.jobs { earlier.insert(job.name) }
        }
        return MachineDefinition(name: name, stepMode: stepMode, notify: notify, eventBridge: buses, phases: phases)
    }

    private mutating func phase(_ tree: JSONValue, _ path: String, earlier: Set<String>) throws(DefinitionError) -> PhaseDefinition {
        let dict = try object(tree, path)
        try allowOnly(["name", "when", "jobs"], in: dict, path)
        let name = try uniqueName(dict, path)
        let when = try condition(dict["when"], "\(path).when", earlier: earlier)
        let jobTrees = try array(required(dict, "jobs", path), "\(path).jobs")
        guard !jobTrees.isEmpty else {
            throw DefinitionError(.emptyPhase, at: "\(path).jobs", "phase \"\(name)\" has no jobs; add a job or remove the phase")
        }
        var jobs: [JobDefinition] = []
        for (i, jobTree) in jobTrees.enumerated() {
            jobs.append(try job(jobTree, "\(path).jobs[\(i)]", earlier: earlier))
        }
        return PhaseDefinition(name: name, when: when, jobs: jobs)
    }

    private mutating func job(_ tree: JSONValue, _ path: String, earlier: Set<String>) throws(DefinitionError) -> JobDefinition {
        let dict = try object(tree, path)
        try allowOnly(["name", "when", "run", "timeout", "retry"], in: dict, path)
        let name = try uniqueName(dict, path)
        let when = try condition(dict["when"], "\(path).when", earlier: earlier)
        guard let runTree = dict["run"] else {
            throw DefinitionError(.noRun, at: "\(path).run",
                                  "job \"\(name)\" has no \"run\"; give it one of command, http, sim, builtin or lambda")
        }
        let run = try self.run(runTree, "\(path).run")
        let timeout = try dict["timeout"].map { value throws(DefinitionError) in try duration(value, "\(path).timeout") }
        var retry: RetryPolicy?
        if let retryTree = dict["retry"] {
            let retryPath = "\(path).retry"
            let retryDict = try object(retryTree, retryPath)
            try allowOnly(["attempts", "backoff"], in: retryDict, retryPath)
            let attempts = try integer(required(retryDict, "attempts", retryPath), "\(retryPath).attempts", min: 1)
            let backoff = try retryDict["backoff"].map { value throws(DefinitionError) in
                try duration(value, "\(retryPath).backoff")
            } ?? .seconds(1)
            retry = RetryPolicy(attempts: attempts, backoff: backoff)
        }
        return JobDefinition(name: name, when: when, run: run, timeout: timeout, retry: retry)
    }

    private func run(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> JobRun {
        let dict = try object(tree, path)
        try allowOnly(["command", "http", "sim", "builtin", "lambda"], in: dict, path)
        guard dict.count == 1, let (kind, value) = dict.first else {
            throw DefinitionError(dict.isEmpty ? .noRun : .badValue, at: path,
                                  "\"run\" needs exactly one of command, http, sim, builtin or lambda (found \(dict.count))")
        }
        let inner = "\(path).\(kind)"
        switch kind {
        case "command":
            let argv = try array(value, inner).enumerated().map { pair throws(DefinitionError) in
                try string(pair.element, "\(inner)[\(pair.offset)]")
            }
            guard !argv.isEmpty, !argv[0].isEmpty else {
                throw DefinitionError(.badValue, at: inner, "a command needs at least the program, e.g. [\"sh\", \"-c\", \"make\"]")
            }
            return .command(argv)
        case "http":
            let spec = try object(value, inner)
            try allowOnly(["url", "mode"], in: spec, inner)
            let address = try url(required(spec, "url", inner), "\(inner).url")
            var mode = HTTPJobSpec.Mode.sync
            if let modeTree = spec["mode"] {
                let text = try string(modeTree, "\(inner).mode")
                guard let parsed = HTTPJobSpec.Mode(rawValue: text) else {
                    throw DefinitionError(.badValue, at: "\(inner).mode", "mode must be \"sync\" or \"async\", not \"\(text)\"")
                }
                mode = parsed
            }
            return .http(HTTPJobSpec(url: address, mode: mode))
        case "sim":
            return .sim(try sim(value, inner))
        case "lambda":
            return .lambda(try lambda(value, inner))
        default:
            let spec = try object(value, inner)
            try allowOnly(["name", "params"], in: spec, inner)
            let name = try string(required(spec, "name", inner), "\(inner).name")
            var params: [String: String] = [:]
            if let paramsTree = spec["params"] {
                for (key, param) in try object(paramsTree, "\(inner).params") {
                    params[key] = try string(param, "\(inner).params.\(key)")
                }
            }
            return .builtin(name: name, params: params)
        }
    }

    private func sim(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> SimJobSpec {
        let dict = try object(tree, path)
        try allowOnly(["duration", "jitter", "failRate", "failAttempts", "seed"], in: dict, path)
        var spec = SimJobSpec()
        if let value = dict["duration"] { spec.duration = try duration(value, "\(path).duration") }
        if let value = dict["jitter"] { spec.jitter = try duration(value, "\(path).jitter") }
        if let value = dict["failAttempts"] { spec.failAttempts = try integer(value, "\(path).failAttempts", min: 0) }
        if let value = dict["seed"] { spec.seed = UInt64(try integer(value, "\(path).seed", min: 0)) }
        if let value = dict["failRate"] {
            guard let rate = value.plainNumber, (0...1).contains(rate) else {
                throw DefinitionError(.badValue, at: "\(path).failRate", "failRate must be a number from 0 to 1")
            }
            spec.failRate = rate
        }
        return spec
    }

    // MARK: Names and conditions

    private static func collectNames(_ phases: [JSONValue]) -> Set<String> {
        var names: Set<String> = []
        for case .object(let phase) in phases {
            if case .string(let name)? = phase["name"] { names.insert(name) }
            if case .array(let jobs)? = phase["jobs"] {
                for case .object(let job) in jobs { if case .string(let name)? = job["name"] { names.insert(name) } }
            }
        }
        return names
    }

    private func requiredName(_ dict: Object, _ path: String) throws(DefinitionError) -> String {
        let name = try string(required(dict, "name", path), "\(path).name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else {
            throw DefinitionError(.badValue, at: "\(path).name",
                                  "name \"\(name)\" must be non-empty letters, digits, '_', '-' or '.', so conditions can name it")
        }
        return name
    }

    private mutating func uniqueName(_ dict: Object, _ path: String) throws(DefinitionError) -> String {
        let name = try requiredName(dict, path)
        guard !Self.reservedWords.contains(name) else {
            throw DefinitionError(.badValue, at: "\(path).name", "\"\(name)\" is a word of the condition language; choose another name")
        }
        guard seen.insert(name).inserted else {
            throw DefinitionError(.duplicateName, at: "\(path).name",
                                  "the name \"\(name)\" is used twice; phase and job names must be unique within a machine")
        }
        return name
    }

    private func condition(_ tree: JSONValue?, _ path: String, earlier: Set<String>) throws(DefinitionError) -> Condition? {
        guard let tree else { return nil }
        let text = try string(tree, path)
        let condition: Condition
        do { condition = try Condition.parse(text) } catch {
            throw DefinitionError(.badCondition, at: path, "cannot parse condition \"\(text)\": \(error)")
        }
        for name in condition.names where !earlier.contains(name) {
            if allNames.contains(name) {
                throw DefinitionError(.laterName, at: path,
                                      "\"\(name)\" runs at the same time or later, so its outcome is not known yet; name an earlier phase or job")
            }
            throw DefinitionError(.unknownName, at: path, "no phase or job is named \"\(name)\"")
        }
        return condition
    }

    // MARK: Typed access (shared with DefinitionParser+AWS)

    func allowOnly(_ keys: Set<String>, in dict: Object, _ path: String) throws(DefinitionError) {
        if let unknown = dict.keys.sorted().first(where: { !keys.contains($0) }) {
            throw DefinitionError(.unknownKey, at: "\(path).\(unknown)",
                                  "unknown key \"\(unknown)\"; allowed here: \(keys.sorted().joined(separator: ", "))")
        }
    }

    func required(_ dict: Object, _ key: String, _ path: String) throws(DefinitionError) -> JSONValue {
        guard let value = dict[key] else { throw DefinitionError(.missingKey, at: "\(path).\(key)", "\"\(key)\" is required here") }
        return value
    }

    func object(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> Object {
        guard case .object(let dict) = tree else { throw wrongType(tree, "an object", path) }
        return dict
    }

    func array(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> [JSONValue] {
        guard case .array(let list) = tree else { throw wrongType(tree, "an array", path) }
        return list
    }

    func string(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> String {
        guard case .string(let text) = tree else { throw wrongType(tree, "a string", path) }
        return text
    }

    private func bool(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> Bool {
        guard case .bool(let flag) = tree else { throw wrongType(tree, "true or false", path) }
        return flag
    }

    private func integer(_ tree: JSONValue, _ path: String, min: Int) throws(DefinitionError) -> Int {
        guard let number = tree.plainNumber, number.rounded() == number, number >= Double(min), number < 1e15 else {
            throw DefinitionError(.badValue, at: path, "expected a whole number of at least \(min)")
        }
        return Int(number)
    }

    private func duration(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> Duration {
        let text = try string(tree, path)
        guard let value = DurationText.parse(text) else {
            throw DefinitionError(.badDuration, at: path, "cannot read duration \"\(text)\"; write e.g. \"500ms\", \"2s\", \"5m\" or \"1h\"")
        }
        return value
    }

    private func url(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> String {
        let text = try string(tree, path)
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            // Not echoed: a webhook address carries its secret in the path.
            throw DefinitionError(.badValue, at: path, "is not an http:// or https:// URL (write the whole address, e.g. https://hooks.slack.com/…)")
        }
        return text
    }

    func wrongType(_ tree: JSONValue, _ expected: String, _ path: String) -> DefinitionError {
        DefinitionError(.wrongType, at: path, "expected \(expected), found \(tree.typeName)")
    }
}
