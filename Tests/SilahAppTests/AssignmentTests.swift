import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// Hand-offs: a request assigned to a named staff member lands in their queue and on their home
    /// page, is refused for anyone who cannot work on it, is recorded, and mails only those who asked.
    @Suite struct AssignmentTests {
        static let slug = "ealamiyoun"

        /// The demo staff, a second relations officer (`relations_officer2@`), and one received request.
        private func setUp(_ app: Application) async throws -> SupportRequest {
            _ = try await DemoAccounts.install(app: app)
            let association = try #require(try await PolicyStore.association(slug: Self.slug, on: app.db))
            let second = User(
                email: "relations_officer2@\(Self.slug).demo", name: "ريم الثانية",
                passwordHash: try await app.hashPassword(DemoAccounts.password))
            try await second.create(on: app.db)
            try await Membership(
                userID: try second.requireID(), associationID: try association.requireID(),
                role: .relationsOfficer
            ).create(on: app.db)
            return try await openRequest(app, description: "مساعدة لسداد الإيجار")
        }

        private func openRequest(_ app: Application, description: String) async throws -> SupportRequest {
            let officer = try await demoTenant(app, "relations_officer", of: Self.slug)
            var person = try await Person.query(on: app.db).filter(\.$nationalID == "1000000008").first()
            if person == nil { person = try await Applicants.make(app, slug: Self.slug) }
            let applicant = try #require(person)
            return try await RequestDesk.open(
                try Applicants.intake(for: applicant, tenant: officer, description: description), tenant: officer,
                actor: .commandLine, on: app.db)
        }

        /// A list row's link (the search box's placeholder is a reference too).
        private func link(_ request: SupportRequest) -> String {
            #"href="\#(SiteURL.request(Self.slug, request.reference))""#
        }

        private func signedIn(_ app: Application, _ account: String) async throws -> Visitor {
            let visitor = Visitor(app)
            try await visitor.signIn("\(account)@\(Self.slug).demo")
            return visitor
        }

        private func userID(_ app: Application, _ email: String) async throws -> UUID {
            try #require(try await User.query(on: app.db).filter(\.$email == email).first()?.id)
        }

        private func assign(_ visitor: Visitor, _ request: SupportRequest, to assignee: String) async throws
            -> TestingHTTPResponse
        {
            try await visitor.get(SiteURL.request(Self.slug, request.reference))
            return try await visitor.post(
                SiteURL.requestAssignee(Self.slug, request.reference), ["assignee": assignee])
        }

        @Test func theAssigneesQueueAndHomeShowTheRequestAndTheOtherOfficersDoNot() async throws {
            try await withSilah { app in
                let request = try await setUp(app)
                let second = try await userID(app, "relations_officer2@\(Self.slug).demo")
                let officer = try await signedIn(app, "relations_officer")
                let colleague = try await signedIn(app, "relations_officer2")
                // Unassigned and waiting for the officers' role: in both queues.
                #expect(try await officer.get(SiteURL.requests(Self.slug)).text.contains(link(request)))
                #expect(try await colleague.get(SiteURL.requests(Self.slug)).text.contains(link(request)))

                let manager = try await signedIn(app, "manager")
                // A refusal comes back at the assignment panel, not at the top of a long page.
                let managersPage = try await manager.get(SiteURL.request(Self.slug, request.reference))
                #expect(
                    managersPage.text.contains(SiteURL.requestAssignee(Self.slug, request.reference) + "#assignment"))
                let assigned = try await assign(manager, request, to: second.uuidString)
                #expect(assigned.status == .seeOther)

                let theirs = try await colleague.get(SiteURL.requests(Self.slug, list: "mine"))
                #expect(theirs.text.contains(link(request)))
                #expect(theirs.text.contains(#"<span class="badge assigned">أنت</span>"#))
                #expect(
                    !(try await officer.get(SiteURL.requests(Self.slug, list: "mine")).text.contains(link(request)))
                )
                let open = try await officer.get(SiteURL.requests(Self.slug, list: "open"))
                #expect(open.text.contains(link(request)) && open.text.contains("ريم الثانية"))
                #expect(try await colleague.get(SiteURL.staffHome(Self.slug)).text.contains("أُسندت إليك: ١"))
                #expect(try await officer.get(SiteURL.staffHome(Self.slug)).text.contains("أُسندت إليك: ٠"))
                // The home's "assigned to you" opens the requests assigned to them, and only those.
                let home = try await officer.get(SiteURL.staffHome(Self.slug))
                #expect(home.text.contains("href=\"\(SiteURL.requests(Self.slug, list: "assigned"))\""))
                let other = try await openRequest(app, description: "سلة غذائية")
                let onlyAssigned = try await colleague.get(SiteURL.requests(Self.slug, list: "assigned"))
                #expect(onlyAssigned.text.contains(link(request)) && !onlyAssigned.text.contains(link(other)))
                #expect(try await colleague.get(SiteURL.requests(Self.slug)).text.contains(link(other)))
                #expect(
                    !(try await officer.get(SiteURL.requests(Self.slug, list: "assigned")).text.contains(link(request)))
                )
                let page = try await officer.get(SiteURL.request(Self.slug, request.reference))
                #expect(page.text.contains(#"<dd dir="auto" id="assignee">ريم الثانية</dd>"#))

                // Not to someone whose role does not act at this step: it would wait in nobody's queue.
                let researcher = try await userID(app, "social_researcher@\(Self.slug).demo")
                #expect(try await assign(manager, request, to: researcher.uuidString).status == .unprocessableEntity)
                let studying = try await signedIn(app, "social_researcher")
                #expect(!(try await studying.get(SiteURL.requests(Self.slug)).text.contains(link(request))))
                #expect(try await colleague.get(SiteURL.requests(Self.slug)).text.contains(link(request)))
                #expect(try await colleague.get(SiteURL.staffHome(Self.slug)).text.contains("أُسندت إليك: ١"))

                // What is assigned to me comes before what waits for my role.
                let waiting = try await openRequest(app, description: "سلة غذائية")
                let handed = try await openRequest(app, description: "كسوة")
                #expect(try await assign(manager, handed, to: second.uuidString).status == .seeOther)
                let queue = try await colleague.get(SiteURL.requests(Self.slug)).text
                let mine = try #require(queue.range(of: link(handed))?.lowerBound)
                let theirsToo = try #require(queue.range(of: link(waiting))?.lowerBound)
                #expect(mine < theirsToo)
            }
        }

        @Test func anAssigneeWhoCannotWorkOnRequestsIsRefusedNamingTheField() async throws {
            try await withSilah { app in
                let request = try await setUp(app)
                let manager = try await signedIn(app, "manager")
                let board = try await userID(app, "board_member@\(Self.slug).demo")
                let refused = try await assign(manager, request, to: board.uuidString)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("الموظف المُسنَد إليه الطلب: دوره «عضو مجلس الإدارة» لا يعمل على الطلبات"))
                let elsewhere = try await userID(app, "relations_officer@waei.demo")
                let stranger = try await assign(manager, request, to: elsewhere.uuidString)
                #expect(stranger.status == .unprocessableEntity)
                #expect(stranger.text.contains("الموظف المُسنَد إليه الطلب: ليس عضوًا فاعلًا في هذه الجمعية"))
                #expect(try await assign(manager, request, to: "not-an-id").status == .unprocessableEntity)
                try await manager.get(SiteURL.request(Self.slug, request.reference) + "?lang=en")
                let english = try await manager.post(
                    SiteURL.requestAssignee(Self.slug, request.reference), ["assignee": board.uuidString])
                #expect(english.text.contains("Assigned to: their role, Board member, does not work on requests."))
                // Nothing was stored or recorded.
                let stored = try #require(try await SupportRequest.find(request.id, on: app.db))
                #expect(stored.assigneeID == nil)
                #expect(try await RequestEvent.query(on: app.db).filter(\.$action == "assigned").count() == 0)
                // Only the desk hands requests out.
                let researcher = try await signedIn(app, "social_researcher")
                let officer = try await userID(app, "relations_officer@\(Self.slug).demo")
                #expect(try await assign(researcher, request, to: officer.uuidString).status == .forbidden)
            }
        }

        @Test func aRequestGoesOnlyToSomeoneWhoActsAtItsStepAndBackToTheQueueWhenItMovesOn() async throws {
            try await withSilah { app in
                let request = try await setUp(app)
                let manager = try await signedIn(app, "manager")
                // A committee member decides, but the request has only been received.
                let member = try await userID(app, "committee_member@\(Self.slug).demo")
                let page = try await manager.get(SiteURL.request(Self.slug, request.reference)).text
                #expect(!page.contains(#"value="\#(member.uuidString)""#))
                let early = try await assign(manager, request, to: member.uuidString)
                #expect(early.status == .unprocessableEntity)
                #expect(early.text.contains("دوره «عضو لجنة البحث» لا يعمل على الطلب في مرحلته الحالية («مستلم»)"))
                // Handed to an officer, it stays with them while the desk works on it…
                let second = try await userID(app, "relations_officer2@\(Self.slug).demo")
                #expect(try await assign(manager, request, to: second.uuidString).status == .seeOther)
                let officer = try await demoTenant(app, "relations_officer", of: Self.slug)
                let files = app.files
                try await RequestDesk.perform(
                    .verify, on: request, input: ActionInput(), tenant: officer, actor: .commandLine, files: files,
                    on: app.db)
                #expect(try await SupportRequest.find(request.id, on: app.db)?.assigneeID == second)
                // …and goes back to the researchers' queue once it is referred to them.
                var refer = ActionInput()
                refer.reason = "يحتاج الطلب دراسة حالة"
                try await RequestDesk.perform(
                    .refer, on: request, input: refer, tenant: officer, actor: .commandLine, files: files, on: app.db)
                let stored = try #require(try await SupportRequest.find(request.id, on: app.db))
                #expect(stored.state == .referred && stored.assigneeID == nil)
                let researcher = try await signedIn(app, "social_researcher")
                #expect(try await researcher.get(SiteURL.requests(Self.slug)).text.contains(link(request)))
                let timeline = try await manager.get(SiteURL.request(Self.slug, request.reference)).text
                #expect(timeline.contains("عاد الطلب إلى قائمة الدور الذي يعمل على مرحلته الجديدة"))
                #expect(timeline.contains("كان مُسنَدًا إلى ريم الثانية"))
            }
        }

        @Test func timelineAndAuditRecordEveryAssignmentAndUnassignment() async throws {
            try await withSilah { app in
                let request = try await setUp(app)
                let officer = try await signedIn(app, "relations_officer")
                let second = try await userID(app, "relations_officer2@\(Self.slug).demo")
                #expect(try await assign(officer, request, to: second.uuidString).status == .seeOther)
                // The same choice again records nothing.
                #expect(try await assign(officer, request, to: second.uuidString).status == .seeOther)
                #expect(try await assign(officer, request, to: "").status == .seeOther)

                let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == request.requireID())
                    .filter(\.$action ~~ ["assigned", "unassigned"]).sort(\.$at).all()
                #expect(events.map(\.action) == ["assigned", "unassigned"])
                #expect(events.first?.details["assignee"] == second.uuidString)
                #expect(events.last?.details["previousAssignee"] == second.uuidString)
                let audit = try await AuditRecord.query(on: app.db)
                    .filter(\.$action ~~ ["request_assigned", "request_unassigned"]).all()
                #expect(audit.count == 2)
                #expect(audit.allSatisfy { $0.subjectID == request.id?.uuidString })
                let page = try await officer.get(SiteURL.request(Self.slug, request.reference))
                #expect(page.text.contains("أُسند الطلب إلى ريم الثانية"))
                #expect(page.text.contains("أُلغي إسناد الطلب"))
                #expect(!page.text.contains(second.uuidString + "<"))
                #expect(page.text.contains("غير مُسنَد: لمن يعمل دوره على المرحلة الحالية"))
            }
        }

        @Test func theEmailGoesOnlyWhenTheAssigneeAskedAndCarriesNoApplicantData() async throws {
            try await withSilah { app in
                let first = try await setUp(app)
                let provider = RecordingProvider()
                app.useMessageProvider(provider, for: .email)
                let manager = try await signedIn(app, "manager")
                let second = try await userID(app, "relations_officer2@\(Self.slug).demo")
                #expect(try await assign(manager, first, to: second.uuidString).status == .seeOther)
                try await OutboxWorker.runOnce(app)
                #expect(provider.messages.isEmpty)

                let colleague = try await signedIn(app, "relations_officer2")
                let account = try await colleague.get(SiteURL.account)
                #expect(account.text.contains("أخبرني بالبريد الإلكتروني عندما يُسند إليّ طلب"))
                #expect(!account.text.contains(#"name="enabled" checked"#))
                let saved = try await colleague.post(SiteURL.assignmentEmail, ["enabled": "on"])
                #expect(saved.status == .seeOther)
                #expect(try await colleague.get(SiteURL.account).text.contains(#"name="enabled" checked"#))

                let next = try await openRequest(app, description: "سلة غذائية")
                #expect(try await assign(manager, next, to: second.uuidString).status == .seeOther)
                // Taking a request oneself sends nothing.
                let third = try await openRequest(app, description: "كسوة")
                #expect(try await assign(colleague, third, to: second.uuidString).status == .seeOther)
                try await OutboxWorker.runOnce(app)
                let mail = try #require(provider.messages.first)
                #expect(provider.messages.count == 1)
                #expect(mail.recipient == "relations_officer2@\(Self.slug).demo")
                #expect(mail.body.contains(next.reference) && (mail.subject ?? "").contains(next.reference))
                #expect(mail.body.contains(SiteURL.request(Self.slug, next.reference)))
                #expect(mail.body.hasPrefix("أُسند إليك الطلب"))
                for personal in ["فاطمة", "الزهراني", "1000000008", "+966501234567", "سلة غذائية"] {
                    #expect(!mail.body.contains(personal) && !(mail.subject ?? "").contains(personal))
                }

                _ = try await colleague.post(SiteURL.assignmentEmail, [:])
                let last = try await openRequest(app, description: "أجهزة")
                #expect(try await assign(manager, last, to: second.uuidString).status == .seeOther)
                try await OutboxWorker.runOnce(app)
                #expect(provider.messages.count == 1)
            }
        }

        @Test func theAPISetsAndShowsTheAssignee() async throws {
            try await withSilah { app in
                let request = try await setUp(app)
                let staff = try await APIStaff.make(app, Self.slug)
                let path = "/api/v1/requests/\(request.reference)/assignee"
                let officer = try await staff.userID("relations_officer")
                let set = try await staff.send(.PUT, path, as: "manager", ["assigneeId": officer.uuidString])
                #expect(set.status == .ok)
                #expect(set.json["assigneeId"] as? String == officer.uuidString)
                let shown = try await staff.send(.GET, "/api/v1/requests/\(request.reference)", as: "relations_officer")
                #expect(shown.json["assigneeId"] as? String == officer.uuidString)
                let board = try await staff.userID("board_member")
                let refused = try await staff.send(.PUT, path, as: "manager", ["assigneeId": board.uuidString])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.error == "assignee_cannot_work_on_requests")
                #expect((refused.json["reasonEn"] as? String)?.hasPrefix("Assigned to:") == true)
                let researcher = try await staff.send(.PUT, path, as: "social_researcher", ["assigneeId": NSNull()])
                #expect(researcher.status == .forbidden)
                let cleared = try await staff.send(.PUT, path, as: "relations_officer", ["assigneeId": NSNull()])
                #expect(cleared.status == .ok && cleared.json["assigneeId"] == nil)
            }
        }

        @Test func twoAssignmentsAtOnceEndConsistent() async throws {
            try await withSilah(onDisk: true) { app in
                let request = try await setUp(app)
                let manager = try await demoTenant(app, "manager", of: Self.slug)
                let officer = try await demoTenant(app, "relations_officer", of: Self.slug)
                let first = try await userID(app, "relations_officer@\(Self.slug).demo")
                let second = try await userID(app, "relations_officer2@\(Self.slug).demo")
                // Each as its own page would hold it: two copies read before either writes.
                let copy = try #require(try await SupportRequest.find(request.id, on: app.db))
                async let a = RequestAssignment.assign(
                    request, to: first, tenant: manager, actor: .user(manager.userID, address: ""), baseURL: "",
                    on: app.db)
                async let b = RequestAssignment.assign(
                    copy, to: second, tenant: officer, actor: .user(officer.userID, address: ""), baseURL: "",
                    on: app.db)
                #expect(try await [a, b] == [true, true])

                let stored = try #require(try await SupportRequest.find(request.id, on: app.db))
                let events = try await RequestEvent.query(on: app.db).filter(\.$action == "assigned").all()
                #expect(events.count == 2)
                // One replaced the other: the later line names the earlier as previous, and the stored
                // assignee is the later one's.
                let earlier = try #require(events.first { $0.details["previousAssignee"] == nil })
                let later = try #require(events.first { $0.details["previousAssignee"] != nil })
                #expect(later.details["previousAssignee"] == earlier.details["assignee"])
                #expect(stored.assigneeID?.uuidString == later.details["assignee"])
                #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "request_assigned").count() == 2)
                let intact = try await AuditLog.verify(chain: manager.associationID, on: app.db) == nil
                #expect(intact)
            }
        }
    }
}

/// The rule itself, without a database.
@Suite struct AssignmentRuleTests {
    @Test func whoMayHoldARequest() throws {
        let waei = try #require(try PolicyPresets.named("waei"))
        let ealamiyoun = try #require(try PolicyPresets.named("ealamiyoun"))
        func check(
            _ role: Role, _ policy: Policy, at state: RequestState = .received, accepted: Bool = true,
            active: Bool = true
        ) -> AssignmentProblem? {
            do throws(AssignmentProblem) {
                try Assignment.check(
                    .init(role: role, isAccepted: accepted, isActive: active), policy: policy, at: state)
                return nil
            } catch { return error }
        }
        #expect(check(.relationsOfficer, waei) == nil)
        #expect(check(.manager, waei) == nil)
        #expect(check(.committeeMember, ealamiyoun, at: .underDecision) == nil)
        #expect(check(.committeeMember, ealamiyoun)?.code == "assignee_does_not_act_at_this_step")
        #expect(check(.relationsOfficer, ealamiyoun, at: .underDecision)?.code == "assignee_does_not_act_at_this_step")
        #expect(check(.socialResearcher, ealamiyoun, at: .referred) == nil)
        #expect(check(.relationsOfficer, waei, at: .rejected) == .requestEnded)
        #expect(
            check(.committeeMember, waei)
                == .roleCannotWorkOnRequests(roleAr: "عضو لجنة البحث", roleEn: "Research committee member"))
        #expect(check(.admin, ealamiyoun)?.code == "assignee_cannot_work_on_requests")
        #expect(check(.boardMember, ealamiyoun)?.code == "assignee_cannot_work_on_requests")
        #expect(check(.relationsOfficer, waei, accepted: false) == .notAMember)
        #expect(check(.relationsOfficer, waei, active: false) == .notAMember)
        #expect(throws: AssignmentProblem.notAMember) { try Assignment.check(nil, policy: waei, at: .received) }
    }
}
