import Testing
@testable import CurlHTTP
@testable import DashboardModel

@Suite struct RetryPolicyTests {
    let policy = HTTPRetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 5, maxTotalWait: 30)

    @Test func backoffDoublesWithEqualJitterAndIsCapped() {
        #expect(policy.backoff(attempt: 1, random: 0) == 0.5)
        #expect(policy.backoff(attempt: 1, random: 1) == 1)
        #expect(policy.backoff(attempt: 2, random: 0) == 1)
        #expect(policy.backoff(attempt: 3, random: 0.5) == 3)
        #expect(policy.backoff(attempt: 10, random: 1) == 5)  // capped at maxDelay
    }

    @Test func rateLimitWaitsAtLeastRetryAfter() {
        let d = policy.delay(afterAttempt: 1, outcome: .status(429, retryAfter: 7), retryable: false, waitedSoFar: 0, random: 0.5)
        #expect(d != nil && d! >= 7 && d! <= 8)
    }

    @Test func rateLimitRetriesEvenForPost() {
        #expect(policy.delay(afterAttempt: 1, outcome: .status(429, retryAfter: nil), retryable: false, waitedSoFar: 0, random: 0) == 0.5)
    }

    @Test func serverErrorsRetryOnlyWhenRetryable() {
        #expect(policy.delay(afterAttempt: 1, outcome: .status(503, retryAfter: nil), retryable: true, waitedSoFar: 0, random: 0) == 0.5)
        #expect(policy.delay(afterAttempt: 1, outcome: .status(500, retryAfter: nil), retryable: false, waitedSoFar: 0, random: 0) == nil)
        #expect(policy.delay(afterAttempt: 1, outcome: .status(503, retryAfter: 4), retryable: true, waitedSoFar: 0, random: 0) == 4)
        #expect(policy.delay(afterAttempt: 1, outcome: .status(501, retryAfter: nil), retryable: true, waitedSoFar: 0, random: 0) == nil)
    }

    @Test(arguments: [400, 401, 403, 404, 406, 409, 200, 201])
    func otherStatusesNeverRetry(status: Int) {
        #expect(policy.delay(afterAttempt: 1, outcome: .status(status, retryAfter: 3), retryable: true, waitedSoFar: 0, random: 0) == nil)
    }

    @Test func transientFailuresRetryPermanentOnesDoNot() {
        #expect(policy.delay(afterAttempt: 2, outcome: .transportFailure(transient: true), retryable: true, waitedSoFar: 0, random: 1) == 2)
        #expect(policy.delay(afterAttempt: 1, outcome: .transportFailure(transient: false), retryable: true, waitedSoFar: 0, random: 1) == nil)
    }

    @Test func attemptsAndTotalWaitAreBounded() {
        #expect(policy.delay(afterAttempt: 4, outcome: .status(503, retryAfter: nil), retryable: true, waitedSoFar: 0, random: 0) == nil)
        #expect(policy.delay(afterAttempt: 1, outcome: .status(429, retryAfter: 31), retryable: true, waitedSoFar: 0, random: 0) == nil)
        #expect(policy.delay(afterAttempt: 2, outcome: .status(429, retryAfter: 10), retryable: true, waitedSoFar: 25, random: 0) == nil)
        #expect(HTTPRetryPolicy.none.delay(afterAttempt: 1, outcome: .status(503, retryAfter: nil), retryable: true, waitedSoFar: 0, random: 0) == nil)
    }
}
