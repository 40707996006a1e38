import Fluent
import Foundation
import SilahCore
import Vapor

/// Sample files and requests for `serve --demo`: made-up people (synthetic names, IDs that pass the
/// check digit) and requests at each step of every association's own workflow, so a visitor sees
/// queues, an overdue answer, a committee meeting and a served request on first start.
enum DemoData {
    static let png = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    /// Fills each demo association that has no files yet; returns how many requests it made.
    @discardableResult
    static func install(app: Application, now: Date = Date()) async throws -> Int {
        var made = 0
        for (index, policy) in try PolicyPresets.all().enumerated() {
            guard let association = try await PolicyStore.association(slug: policy.association.slug, on: app.db)
            else { continue }
            let associationID = try association.requireID()
            guard try await Person.unscopedQuery(on: app.db).filter(\.$association.$id == associationID).count() == 0
            else {
                continue
            }
            let slug = policy.association.slug
            func tenant(_ account: String) async throws -> Tenant? {
                guard let user = try await User.query(on: app.db).filter(\.$email == "\(account)@\(slug).demo").first()
                else { return nil }
                return try await Tenancy.resolve(slug: slug, user: user, on: app.db)
            }
            guard let officer = try await tenant("relations_officer"), let manager = try await tenant("manager") else {
                continue
            }
            let researcher = try await tenant("social_researcher") ?? manager
            let member = try await tenant("committee_member")
            let people = try await makePeople(
                app, associationID: associationID, policy: policy, seed: index + 11, now: now)
            let type = ServiceType.defaults(for: policy.audience)[0].code
            let channels = policy.channels
            func open(_ person: Person, _ daysAgo: Double, _ text: String) async throws -> SupportRequest {
                try await RequestDesk.open(
                    .init(
                        personID: person.id, channel: channels[made % channels.count], serviceType: type,
                        description: text),
                    tenant: officer, actor: .user(officer.userID, address: ""), on: app.db,
                    now: now.addingTimeInterval(-daysAgo * 86_400))
            }
            func step(
                _ request: SupportRequest, _ action: RequestAction, by tenant: Tenant, daysAgo: Double,
                _ fill: (inout ActionInput) -> Void = { _ in }
            ) async throws {
                var input = ActionInput()
                fill(&input)
                try await RequestDesk.perform(
                    action, on: request, input: input, tenant: tenant, actor: .user(tenant.userID, address: ""),
                    files: app.files, on: app.db, now: now.addingTimeInterval(-daysAgo * 86_400))
            }
            func toDecision(_ request: SupportRequest, daysAgo: Double) async throws {
                try await step(request, .verify, by: officer, daysAgo: daysAgo)
                try await step(request, .refer, by: officer, daysAgo: daysAgo) {
                    $0.reason = "تحتاج الحالة إلى دراسة قبل الرفع"
                }
                if policy.referralRole == .socialResearcher {
                    try await step(request, .recordStudy, by: researcher, daysAgo: daysAgo - 1) {
                        $0.studyKind = "visit"
                        $0.needs = "سداد إيجار متأخر ومستلزمات مدرسية"
                        $0.recommendation = "يوصى بالدعم"
                    }
                } else {
                    try await step(request, .recordExplanation, by: researcher, daysAgo: daysAgo - 1) {
                        $0.reason = "شُرحت شروط الخدمة ومستنداتها"
                    }
                }
                if policy.hasDeclaration {
                    // The applicant signs in their own name (a role's label read as a man's for everyone).
                    let applicant = try await Person.unscopedQuery(on: app.db).filter(\.$id == request.$person.id)
                        .first()?.fullName
                    try await step(request, .signDeclaration, by: officer, daysAgo: daysAgo - 1) {
                        $0.signatureMethod = "drawn"
                        $0.evidence = png
                        $0.signerName = applicant ?? "مقدم الطلب"
                    }
                }
                try await step(request, .submitForDecision, by: officer, daysAgo: daysAgo - 1)
            }
            func decide(_ request: SupportRequest, accept: Bool, reason: String?, daysAgo: Double) async throws {
                if policy.decisionBody == .researchCommittee, let member {
                    let meeting = try await Meetings.open(
                        heldOn: GregorianDate.today(now: now.addingTimeInterval(-daysAgo * 86_400)).iso,
                        place: "مقر الجمعية",
                        attendees: try await Meetings.members(member, on: app.db).compactMap(\.id), tenant: member,
                        actor: .user(member.userID, address: ""), on: app.db)
                    guard
                        let item = try await MeetingItem.unscopedQuery(on: app.db).filter(
                            \.$meeting.$id == meeting.requireID()
                        )
                        .filter(\.$request.$id == request.requireID()).first()
                    else { return }
                    let votes = Dictionary(
                        uniqueKeysWithValues: meeting.attendees.map { ($0, accept ? Meetings.Vote.accept : .reject) })
                    try await Meetings.recordVotes(
                        votes, item: item, meeting: meeting, tenant: member, actor: .user(member.userID, address: ""),
                        on: app.db)
                    try await step(request, accept ? .accept : .reject, by: member, daysAgo: daysAgo) {
                        $0.meetingID = meeting.id
                        $0.reason = reason
                    }
                    try await Meetings.close(
                        meeting, tenant: member, actor: .user(member.userID, address: ""), on: app.db)
                } else {
                    try await step(request, accept ? .accept : .reject, by: manager, daysAgo: daysAgo) {
                        $0.reason = reason
                    }
                }
            }
            // Just received.
            _ = try await open(people[0], 0, "طلب مساعدة لسداد فاتورة الكهرباء")
            // Waiting for the applicant.
            let waiting = try await open(people[1], 3, "طلب دعم إيجار")
            try await step(waiting, .requestInformation, by: officer, daysAgo: 2) { $0.reason = "صورة عقد الإيجار" }
            // With the decision body, on time.
            try await toDecision(try await open(people[2], 4, "طلب مساعدة عينية"), daysAgo: 3)
            // With the decision body, past the promised date.
            try await toDecision(try await open(people[3], 30, "طلب مساعدة مالية عاجلة"), daysAgo: 29)
            // Accepted and served.
            let served = try await open(people[4], 25, "طلب دعم مالي لأسرة من خمسة أفراد")
            try await toDecision(served, daysAgo: 24)
            try await decide(served, accept: true, reason: "الحالة مستحقة وفق دراسة الحالة", daysAgo: 20)
            if policy.completesRegistration { try await step(served, .completeRegistration, by: officer, daysAgo: 19) }
            if policy.deliversService {
                try await step(served, .deliverService, by: officer, daysAgo: 18) {
                    $0.what = "دعم مالي"
                    $0.amount = "1500"
                }
            }
            // Rejected, with its reason.
            let rejected = try await open(people[5], 22, "طلب دعم مالي")
            try await toDecision(rejected, daysAgo: 21)
            try await decide(rejected, accept: false, reason: "الدخل لكل فرد يتجاوز حد الاستحقاق", daysAgo: 15)
            made += 6
        }
        return made
    }

    private static func makePeople(
        _ app: Application, associationID: UUID, policy: Policy, seed: Int, now: Date
    ) async throws -> [Person] {
        var source = SyntheticPeople(seed: UInt64(seed), firstSerial: 70_000_000 + seed * 1_000)
        let today = GregorianDate.today(now: now)
        var people: [Person] = []
        for number in 0..<12 {
            var p = source.next()
            // An association whose policy speaks of women (إشراقة) serves women: its sample files are women's.
            while policy.feminineForms && p.gender != .female { p = source.next() }
            let file = Person(associationID: associationID)
            let fullName = p.nameParts.joined(separator: " ")
            (file.type, file.status) = (PersonType.served(by: policy), .applicant)
            (file.firstName, file.fatherName, file.grandfatherName, file.familyName) = (
                p.nameParts[0], p.nameParts[1], p.nameParts[2], p.nameParts[3]
            )
            (file.fullName, file.nameKey) = (fullName, PersonNameKey.key(fullName))
            (file.nationalID, file.birthDate, file.gender, file.mobile) = (
                p.nationalID, p.birthDate, p.gender, p.mobile
            )
            file.idExpiry = today.adding(days: 400 + number * 30)
            (file.region, file.city, file.category) = (p.region, p.city, p.category)
            (file.householdIncome, file.familySize) = (Double(p.householdIncome), max(p.familySize, 1))
            (file.consent, file.consentDate, file.consentVersion) = (true, today, PersonRules.consentVersion)
            try await file.create(on: app.db)
            try await PeopleDirectory.indexName(of: file, previous: nil, on: app.db)
            for type in DocumentType.allCases where type != .other && type != .medicalReport && type != .bankStatement {
                let key = "demo/\(UUID().uuidString).png"
                let document = PersonDocument()
                document.$association.id = associationID
                document.$person.id = try file.requireID()
                document.type = type
                document.fileName = "\(type.rawValue).png"
                document.kind = .png
                document.size = png.count
                document.sha256 = Secrets.sha256Hex(png)
                document.storageKey = key
                document.expiryDate = type == .nationalID ? file.idExpiry : nil
                try await app.files.writing(png, as: document.stored, on: app.db) { try await document.create(on: $0) }
            }
            people.append(file)
        }
        return people
    }
}
