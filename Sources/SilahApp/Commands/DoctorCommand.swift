import Foundation
import Vapor

/// `silah doctor`: checks the installation and says what to fix; exits 1 when something is wrong.
/// `Silah.run` starts it before reading the configuration, so a broken configuration is reported
/// like any other problem; this command is what `silah --help` lists.
struct DoctorCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks configuration, database, folders, mail, SMS and clock; says what to fix." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Doctor.report(environment: ProcessInfo.processInfo.environment) { context.console.print($0) }
    }
}
