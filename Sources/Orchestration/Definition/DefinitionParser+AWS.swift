import TrotterSupport
/// The `lambda` job and `eventbridge` target keys, validated with the JSON path of any fault.
extension DefinitionParser {
    func lambda(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> LambdaJobSpec {
        let dict = try object(tree, path)
        try allowOnly(["function", "qualifier", "region", "invocation", "payload", "payloadText"], in: dict, path)
        let function = try string(required(dict, "function", path), "\(path).function")
        guard (1...170).contains(function.count),
              function.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:$".contains($0)) }) else {
            throw DefinitionError(.badValue, at: "\(path).function",
                                  "\"\(function)\" is not a Lambda function name or ARN (letters, digits, '-', '_', '.', ':'; at most 170)")
        }
        var spec = LambdaJobSpec(function: function)
        if let value = dict["qualifier"] {
            let qualifier = try string(value, "\(path).qualifier")
            guard (1...128).contains(qualifier.count),
                  qualifier.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_$".contains($0)) }) else {
                throw DefinitionError(.badValue, at: "\(path).qualifier",
                                      "\"\(qualifier)\" is not a version or alias (e.g. \"live\", \"3\" or \"$LATEST\")")
            }
            spec.qualifier = qualifier
        }
        if let value = dict["region"] { spec.region = try region(value, "\(path).region") }
        if let value = dict["invocation"] {
            let text = try string(value, "\(path).invocation")
            guard let invocation = LambdaJobSpec.Invocation(rawValue: text) else {
                throw DefinitionError(.badValue, at: "\(path).invocation",
                                      "invocation must be \"sync\", \"event\" or \"callback\", not \"\(text)\"")
            }
            spec.invocation = invocation
        }
        if dict["payload"] != nil, dict["payloadText"] != nil {
            throw DefinitionError(.badValue, at: "\(path).payloadText", "give \"payload\" (JSON) or \"payloadText\" (a string), not both")
        }
        if let value = dict["payload"] {
            spec.payload = rawPayloads["\(path).payload"] ?? value.compactText
        } else if let value = dict["payloadText"] {
            spec.payload = try string(value, "\(path).payloadText")
        }
        if let payload = spec.payload, payload.utf8.count > spec.payloadLimit {
            throw DefinitionError(.badValue, at: "\(path).payload",
                                  "the payload is \(payload.utf8.count) bytes; Lambda takes at most \(spec.payloadLimit) for "
                                  + "\(spec.invocation == .sync ? "synchronous" : "asynchronous") invocations")
        }
        return spec
    }

    func eventBridge(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> EventBridgeTarget {
        let dict = try object(tree, path)
        try allowOnly(["bus", "source", "region"], in: dict, path)
        let bus = try string(required(dict, "bus", path), "\(path).bus")
        guard (1...1600).contains(bus.count), !bus.contains(where: { $0.isWhitespace }) else {
            throw DefinitionError(.badValue, at: "\(path).bus", "\"\(bus)\" is not an event bus name or ARN")
        }
        var target = EventBridgeTarget(bus: bus)
        if let value = dict["source"] {
            let source = try string(value, "\(path).source")
            guard (1...256).contains(source.count), !source.lowercased().hasPrefix("aws.") else {
                throw DefinitionError(.badValue, at: "\(path).source",
                                      "source must be 1 to 256 characters and not start with \"aws.\" (reserved for AWS)")
            }
            target.source = source
        }
        if let value = dict["region"] { target.region = try region(value, "\(path).region") }
        return target
    }

    private func region(_ tree: JSONValue, _ path: String) throws(DefinitionError) -> String {
        let text = try string(tree, path)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }),
              parts.last!.allSatisfy(\.isNumber) else {
            throw DefinitionError(.badValue, at: path, "\"\(text)\" is not an AWS region (e.g. \"eu-west-1\")")
        }
        return text
    }
}
