import Prometheus

extension PrometheusCollectorRegistry {
    /// A gauge named `name` with its `# HELP` line. swift-prometheus 2.4 takes the help text in a descriptor (its
    /// name-and-help overloads are deprecated); the unit is left empty because our names already end in theirs.
    func gauge(_ name: String, labels: [(String, String)] = [], help: String) -> Gauge {
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        return labels.isEmpty ? makeGauge(descriptor: descriptor) : makeGauge(descriptor: descriptor, labels: labels)
    }

    /// A counter named `name` with its `# HELP` line (see ``gauge(_:labels:help:)``).
    func counter(_ name: String, labels: [(String, String)] = [], help: String) -> Counter {
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        return labels.isEmpty ? makeCounter(descriptor: descriptor) : makeCounter(descriptor: descriptor, labels: labels)
    }
}
