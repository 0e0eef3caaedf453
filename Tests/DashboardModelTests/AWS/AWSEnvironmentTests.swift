import Foundation
import Testing
@testable import AWSAPI
@testable import DashboardModel

/// Credentials, region and endpoints found as the AWS SDKs find them, over real files in a scratch folder.
@Suite final class AWSEnvironmentTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret

            # a comment
            [ops]
            aws_access_key_id=AKIDOPS
            aws_secret_access_key=ops-secret
            aws_session_token = ops-token
            """.write(to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try """
            [default]
            region = us-east-2
            [profile ops]
            region = eu-central-1
            [profile configonly]
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            """.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func environment(_ extra: [String: String]) -> AWSEnvironment {
        AWSEnvironment(variables: ["HOME": directory.path, "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
                                   "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path].merging(extra) { $1 })
    }

    @Test func environmentVariablesComeFirst() throws {
        let env = environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
                               "AWS_PROFILE": "ops"])
        let credentials = try env.credentials()
        #expect(credentials.accessKeyID == "AKIDENV")
        #expect(credentials.secretAccessKey.reveal() == "env-secret")
        #expect(credentials.sessionToken?.reveal() == "env-token")
    }

    @Test func thenTheProfileInTheCredentialsFileThenTheConfigFile() throws {
        #expect(try environment([:]).credentials().accessKeyID == "AKIDDEFAULT")
        let ops = try environment(["AWS_PROFILE": "ops"]).credentials()
        #expect(ops.accessKeyID == "AKIDOPS")
        #expect(ops.sessionToken?.reveal() == "ops-token")
        #expect(try environment(["AWS_PROFILE": "configonly"]).credentials().accessKeyID == "AKIDCONFIG")
    }

    @Test func missingCredentialsSayWhereTrotterLookedWithoutSecrets() {
        do {
            _ = try environment(["AWS_PROFILE": "nobody"]).credentials()
            Issue.record("found credentials for an unknown profile")
        } catch {
            #expect(error.message.contains("profile nobody"))
            #expect(error.message.contains("AWS_ACCESS_KEY_ID"))
        }
        do {
            _ = try environment(["AWS_ACCESS_KEY_ID": "AKIDENV"]).credentials()
            Issue.record("a key without its secret was accepted")
        } catch {
            #expect(error.message.contains("AWS_SECRET_ACCESS_KEY"))
        }
    }

    @Test func regionFromTheDefinitionThenTheEnvironmentThenTheProfile() throws {
        #expect(try environment(["AWS_REGION": "ap-south-1"]).region("eu-west-1") == "eu-west-1")
        #expect(try environment(["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "sa-east-1"]).region(nil) == "ap-south-1")
        #expect(try environment(["AWS_DEFAULT_REGION": "sa-east-1"]).region(nil) == "sa-east-1")
        #expect(try environment([:]).region(nil) == "us-east-2")
        #expect(try environment(["AWS_PROFILE": "ops"]).region(nil) == "eu-central-1")
        #expect(throws: AWSConfigurationError.self) { try environment(["AWS_PROFILE": "nobody"]).region(nil) }
    }

    @Test func serviceEndpointsBeatTheGlobalOneWhichBeatsAWS() {
        let env = environment(["AWS_ENDPOINT_URL": "http://127.0.0.1:4566/", "AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:9001"])
        #expect(env.endpoint(service: "lambda", envSuffix: "LAMBDA", region: "eu-west-1") == "http://127.0.0.1:9001")
        #expect(env.endpoint(service: "events", envSuffix: "EVENTBRIDGE", region: "eu-west-1") == "http://127.0.0.1:4566")
        #expect(environment([:]).endpoint(service: "events", envSuffix: "EVENTBRIDGE", region: "eu-west-1")
                == "https://events.eu-west-1.amazonaws.com")
    }
}
