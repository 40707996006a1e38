import Testing

@testable import SilahApp

@Suite struct ConfigurationTests {
    @Test func defaultsToSQLiteUnderData() throws {
        let config = try SilahConfiguration(environment: [:])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.database == .sqliteFile("./data/silah.sqlite"))
    }

    @Test func databaseConnectionsAreAsked() throws {
        #expect(try SilahConfiguration(environment: [:]).databaseConnectionsPerLoop == 4)
        #expect(try SilahConfiguration(environment: ["SILAH_DB_CONNECTIONS": "8"]).databaseConnectionsPerLoop == 8)
    }

    @Test func dataDirectoryMovesTheDatabase() throws {
        let config = try SilahConfiguration(environment: ["SILAH_DATA_DIR": "/srv/silah"])
        #expect(config.database == .sqliteFile("/srv/silah/silah.sqlite"))
    }

    @Test func postgresAddressSelectsPostgres() throws {
        let config = try SilahConfiguration(environment: ["DATABASE_URL": "postgres://silah:pw@127.0.0.1:5432/silah"])
        guard case .postgres(let url) = config.database else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(url.host == "127.0.0.1")
    }

    @Test(arguments: [
        ("PORT", "eighty"), ("PORT", "70000"), ("DATABASE_URL", "mysql://x@y/z"), ("DATABASE_URL", "postgres://"),
        ("LOG_LEVEL", "loud"), ("SILAH_DB_CONNECTIONS", "0"), ("SILAH_DB_CONNECTIONS", "100"),
        ("SILAH_DB_CONNECTIONS", "many"),
    ])
    func malformedVariableIsNamed(variable: String, value: String) {
        #expect {
            try SilahConfiguration(environment: [variable: value])
        } throws: { error in
            (error as? ConfigurationError)?.variable == variable
        }
    }
}
