import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// An administrator of واعي tries everything against إشراقة. Every answer must be 404.
    @Suite struct IsolationTests {
        /// Route parameters this suite knows how to fill with another association's objects.
        static let knownParameters: Set<String> = [
            "slug", "membershipID", "tokenID", "secret", "personID", "documentID", "tool", "reference", "action",
            "meetingID", "messageID", "holidayID",
        ]

        /// إشراقة's request, meeting, message and holiday, which the attacker must never reach.
        struct VictimObjects {
            var reference = "1448-99999"
            var meeting = UUID()
            var message = UUID()
            var holiday = UUID()
        }

        private func victimObjects(_ app: Application, person: UUID) async throws -> VictimObjects {
            let eshraqa = try #require(try await PolicyStore.association(slug: "eshraqa", on: app.db))
            let request = SupportRequest()
            request.$association.id = try eshraqa.requireID()
            request.$person.id = person
            request.reference = "1448-00042"
            request.channel = .phone
            request.serviceType = "financial_aid"
            request.description = "طلب"
            request.state = .underDecision
            try await request.create(on: app.db)
            let meeting = CommitteeMeeting()
            meeting.associationID = try eshraqa.requireID()
            meeting.number = 1
            meeting.heldOn = try GregorianDate(iso: "2026-11-22")
            meeting.attendees = []
            meeting.status = .open
            try await meeting.create(on: app.db)
            try await Outbox.enqueue(
                event: "received", requestID: request.id, channel: .sms, recipient: "+966501234567", subject: nil,
                body: "x", associationID: try eshraqa.requireID(), on: app.db, now: Date())
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            message.status = .failed
            try await message.save(on: app.db)
            let holiday = try #require(
                try await HolidayRecord.query(on: app.db).filter(\.$associationID == eshraqa.requireID()).first())
            return VictimObjects(
                reference: request.reference, meeting: try meeting.requireID(), message: try message.requireID(),
                holiday: try holiday.requireID())
        }

        /// A person registered in إشراقة, whose file the attacker must never reach.
        private func victimPerson(_ app: Application) async throws -> UUID {
            let eshraqa = try #require(try await PolicyStore.association(slug: "eshraqa", on: app.db))
            let person = Person(associationID: try eshraqa.requireID())
            var draft = PersonDraft()
            (draft.firstName, draft.fatherName, draft.grandfatherName, draft.familyName) = (
                "منى", "سعد", "علي", "القحطاني"
            )
            draft.nationalID = "1000000008"
            draft.consent = "on"
            let today = GregorianDate.today()
            person.apply(try PersonRules.validate(draft, servedType: .beneficiary, today: today), today: today)
            try await person.create(on: app.db)
            try await PeopleDirectory.indexName(of: person, previous: nil, on: app.db)
            return try person.requireID()
        }

        private func fixture(_ app: Application) async throws -> (
            attacker: Visitor, victimMembership: UUID, victimToken: UUID
        ) {
            _ = try await DemoAccounts.install(app: app)
            let eshraqa = try #require(try await PolicyStore.association(slug: "eshraqa", on: app.db))
            let membership = try #require(
                try await Membership.query(on: app.db).filter(\.$association.$id == eshraqa.requireID()).first())
            let victim = try await membership.$user.get(on: app.db)
            let (token, _) = try await Accounts.createToken(for: victim, in: eshraqa, name: "victim", on: app.db)
            let attacker = Visitor(app)
            try await attacker.signIn("admin@waei.demo")
            return (attacker, try membership.requireID(), try token.requireID())
        }

        /// واعي's manager: holds the registry permissions its administrator lacks.
        private func secondAttacker(_ app: Application) async throws -> Visitor {
            let manager = Visitor(app)
            try await manager.signIn("manager@waei.demo")
            return manager
        }

        private func fill(
            _ route: Route, slug: String, membership: UUID, token: UUID, person: UUID = UUID(),
            objects: VictimObjects = VictimObjects()
        ) -> String {
            "/"
                + route.path.map { component -> String in
                    switch component.description {
                    case ":slug": slug
                    case ":personID": person.uuidString
                    case ":documentID": UUID().uuidString
                    case ":tool": "bylaws"
                    case ":membershipID": membership.uuidString
                    case ":tokenID": token.uuidString
                    case ":secret": "not-a-real-secret"
                    case ":reference": objects.reference
                    case ":action": "verify"
                    case ":meetingID": objects.meeting.uuidString
                    case ":messageID": objects.message.uuidString
                    case ":holidayID": objects.holiday.uuidString
                    default: component.description
                    }
                }.joined(separator: "/")
        }

        @Test func everyRouteWithAParameterIsCoveredHere() async throws {
            try await withSilah(demo: false) { app in
                for route in app.routes.all {
                    for case .parameter(let name) in route.path {
                        #expect(
                            Self.knownParameters.contains(name),
                            "\(route.description): teach IsolationTests about :\(name)")
                    }
                }
            }
        }

        @Test func staffPagesOfAnotherAssociationAre404() async throws {
            try await withSilah { app in
                let personID = try await victimPerson(app)
                let objects = try await victimObjects(app, person: personID)
                let (attacker, membership, token) = try await fixture(app)
                let staffRoutes = app.routes.all.filter { route in
                    route.path.first != .constant("api") && route.path.contains(.parameter("slug"))
                        && route.path.contains(.constant("staff"))
                }
                #expect(staffRoutes.count >= 7)
                for route in staffRoutes {
                    let path = fill(
                        route, slug: "eshraqa", membership: membership, token: token, person: personID, objects: objects
                    )
                    let res =
                        route.method == .GET
                        ? try await attacker.get(path)
                        : try await attacker.post(
                            path, ["role": "admin", "active": "on", "name": "x", "email": "x@y.sa"])
                    #expect(res.status == .notFound, "\(route.method) \(path) answered \(res.status)")
                    #expect(!res.text.contains("إشراقة"), "\(path) leaked the association's name")
                    // A signed-in person's way on from a page that is not there is their workspace.
                    if route.method == .GET { #expect(res.text.contains("<a class=\"button\" href=\"/staff\">")) }
                }
            }
        }

        @Test func anotherAssociationsObjectUnderOwnSlugIs404() async throws {
            try await withSilah { app in
                let personID = try await victimPerson(app)
                let objects = try await victimObjects(app, person: personID)
                let (attacker, membership, token) = try await fixture(app)
                let manager = try await secondAttacker(app)
                let objectParameters = ["membershipID", "personID", "reference", "meetingID", "messageID", "holidayID"]
                let idRoutes = app.routes.all.filter { route in
                    route.path.first != .constant("api")
                        && objectParameters.contains { route.path.contains(.parameter($0)) }
                }
                #expect(idRoutes.count >= 5)
                for route in idRoutes {
                    let path = fill(
                        route, slug: "waei", membership: membership, token: token, person: personID, objects: objects)
                    var answers: [HTTPResponseStatus] = []
                    for visitor in [attacker, manager] {
                        let form = ["role": "admin", "active": "on", "firstName": "x", "familyName": "y"]
                        let res =
                            route.method == .GET ? try await visitor.get(path) : try await visitor.post(path, form)
                        answers.append(res.status)
                    }
                    // Whoever may use the route gets 404; whoever may not gets 403; nobody reaches the object.
                    #expect(answers.contains(.notFound), "\(route.method) \(path) answered \(answers)")
                    #expect(
                        answers.allSatisfy { $0 == .notFound || $0 == .forbidden },
                        "\(route.method) \(path) answered \(answers)"
                    )
                }
                // Nothing changed on the victim's side.
                let victim = try #require(try await Membership.find(membership, on: app.db))
                #expect(victim.role != .admin || victim.isActive)
                let person = try #require(try await Person.find(personID, on: app.db))
                #expect(person.firstName == "منى")
                let request = try #require(try await SupportRequest.query(on: app.db).first())
                #expect(request.state == .underDecision)
                #expect(try await OutboxMessage.query(on: app.db).first()?.status == .failed)
                #expect(try await HolidayRecord.find(objects.holiday, on: app.db) != nil)
                let revoke = try await attacker.post(SiteURL.revokeToken(token), [:])
                #expect(revoke.status == .notFound)
                let stillValid = try #require(try await AccessToken.find(token, on: app.db))
                #expect(stillValid.revokedAt == nil)
            }
        }

        @Test func tokenAPIOfAnotherAssociationIs404() async throws {
            try await withSilah { app in
                let personID = try await victimPerson(app)
                let (_, membership, token) = try await fixture(app)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                var secrets: [String] = []
                for email in ["admin@waei.demo", "manager@waei.demo"] {
                    let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
                    secrets.append(try await Accounts.createToken(for: user, in: waei, name: "attacker", on: app.db).1)
                }
                let publicPaths: Set<String> = ["policy", "workflow"]
                let apiRoutes = app.routes.all.filter { route in
                    route.path.first == .constant("api") && route.path.contains(.parameter("slug"))
                        && !publicPaths.contains(route.path.last?.description ?? "")
                }
                #expect(apiRoutes.count >= 4)
                for route in apiRoutes {
                    let foreign = fill(route, slug: "eshraqa", membership: membership, token: token, person: personID)
                    let own = fill(route, slug: "waei", membership: membership, token: token, person: personID)
                    var ownAnswers: [HTTPResponseStatus] = []
                    for secret in secrets {
                        let headers: HTTPHeaders = ["Authorization": "Bearer \(secret)"]
                        let answer = try await app.testing().sendRequest(route.method, foreign, headers: headers)
                        #expect(answer.status == .notFound, "\(route.method) \(foreign) answered \(answer.status)")
                        ownAnswers.append(
                            try await app.testing().sendRequest(route.method, own, headers: headers).status)
                    }
                    // In the token's own association the route works for the role allowed it; an id of
                    // another association's object is 404 there too.
                    // A POST without a body is refused in the own association too, but never as if the
                    // association did not exist for the manager.
                    guard route.method == .GET else {
                        #expect(!ownAnswers.contains(.ok) && !ownAnswers.contains(.created), "\(own): \(ownAnswers)")
                        continue
                    }
                    let expected: HTTPResponseStatus = route.path.contains(.parameter("personID")) ? .notFound : .ok
                    #expect(ownAnswers.contains(expected), "\(own): \(ownAnswers)")
                    #expect(!ownAnswers.contains(.ok) || expected == .ok, "\(own): \(ownAnswers)")
                }
            }
        }

        @Test func aTokenReachesOnlyItsOwnAssociationsRequests() async throws {
            try await withSilah { app in
                let personID = try await victimPerson(app)
                let objects = try await victimObjects(app, person: personID)
                _ = try await DemoAccounts.install(app: app)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let manager = try #require(
                    try await User.query(on: app.db).filter(\.$email == "manager@waei.demo").first())
                let secret = try await Accounts.createToken(for: manager, in: waei, name: "attacker", on: app.db).1
                let headers: HTTPHeaders = ["Authorization": "Bearer \(secret)"]
                let show = try await app.testing().sendRequest(
                    .GET, "/api/v1/requests/\(objects.reference)", headers: headers)
                #expect(show.status == .notFound)
                let act = try await app.testing().sendRequest(
                    .POST, "/api/v1/requests/\(objects.reference)/actions/withdraw", headers: headers)
                #expect(act.status == .notFound)
                #expect(try await SupportRequest.query(on: app.db).first()?.state == .underDecision)
            }
        }

        @Test func listsAndExportsHoldOnlyTheOwnAssociation() async throws {
            try await withSilah { app in
                let (attacker, _, _) = try await fixture(app)
                try await Visitor(app).signIn("admin@eshraqa.demo")
                let staff = try await attacker.get("/waei/staff/users")
                #expect(staff.text.contains("manager@waei.demo"))
                #expect(!staff.text.contains("eshraqa.demo"))
                let audit = try await attacker.get("/waei/staff/audit")
                #expect(!audit.text.contains("eshraqa"))
                let export = try await attacker.get("/waei/staff/audit/export")
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let waeiRecords = try await AuditRecord.query(on: app.db).filter(\.$chainID == waei.requireID()).count()
                let rows = export.text.split(separator: "\r\n").count - 1
                // The export is itself recorded after it is written.
                #expect(rows == waeiRecords - 1)
                #expect(!export.text.contains("eshraqa.demo"))
            }
        }
    }
}
