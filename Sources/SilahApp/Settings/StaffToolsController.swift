import Fluent
import SilahCore
import Vapor

/// The staff tools the policy lists (bylaws, guides, request form): versions uploaded by managers,
/// opened by staff while answering.
struct StaffToolsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tools = routes.grouped("tools")
        tools.get(use: index)
        tools.upload(":tool", megabytes: 201, use: upload)
        tools.get(":tool", use: open)
    }

    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewStaffTools)
        let t = req.t
        let slug = tenant.association.slug
        let versions = try await tenant.query(StaffToolVersion.self, on: req.db).sort(\.$version, .descending).all()
        let rows = tenant.policy.staffTools.map { tool -> StaffToolsContext.Row in
            let latest = versions.first { $0.tool == tool }
            return StaffToolsContext.Row(
                code: tool.rawValue,
                name: t(tool.name(for: tenant.policy.wording)),
                version: latest.map { t("الإصدار \(Digits.arabicIndic($0.version))", "Version \($0.version)") }
                    ?? t("لم يُرفع بعد", "Not uploaded yet"),
                uploaded: latest?.createdAt.map { DateText.hijriFirst(GregorianDate.today(now: $0), t) } ?? "",
                openHref: "/\(slug)/staff/tools/\(tool.rawValue)",
                hasFile: latest != nil,
                uploadAction: "/\(slug)/staff/tools/\(tool.rawValue)"
            )
        }
        return try await req.view.render(
            "staff/tools",
            StaffToolsContext(
                page: PageContext(request: req, title: t("أدوات الموظف", "Staff tools")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t(
                    "الأدوات المتاحة ل\(tenant.policy.receivingStaffTitle.ar)",
                    "Tools for the \(tenant.policy.receivingStaffTitle.en.lowercased())"),
                rows: rows,
                openLabel: t("افتح", "Open"),
                canUpload: tenant.allows(.manageStaffTools),
                uploadLabel: t("رفع إصدار جديد (PDF)", "Upload a new version (PDF)")
            )
        )
    }

    func upload(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageStaffTools)
        guard let tool = req.parameters.get("tool").flatMap(StaffTool.init(rawValue:)),
            tenant.policy.staffTools.contains(tool)
        else {
            throw Abort(.notFound)
        }
        let file = try req.content.get(File.self, at: "file")
        let bytes = Array(file.data.readableBytesView)
        let kind = try DocumentProblem.check(bytes, limitMB: req.application.silahConfiguration?.maxUploadMB ?? 10)
        let version = StaffToolVersion()
        version.id = UUID()
        version.$association.id = tenant.associationID
        version.tool = tool
        version.fileName = String(file.filename.prefix(200))
        version.kind = kind
        version.sha256 = Secrets.sha256Hex(Data(bytes))
        version.storageKey = "tools/\(tenant.associationID.uuidString)/\(version.id!.uuidString).\(kind.fileExtension)"
        version.$uploadedBy.id = tenant.userID
        try await req.application.files.writing(Data(bytes), as: version.stored, on: req.db) { db in
            // The next number is read inside the transaction: two uploads at once get two numbers.
            try await db.lockForTransaction("staff-tool:\(tenant.associationID):\(tool.rawValue)")
            let latest =
                try await tenant.query(StaffToolVersion.self, on: db).filter(\.$tool == tool)
                .max(\.$version) ?? 0
            version.version = latest + 1
            try await version.create(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "staff_tool_uploaded", subjectType: "staff_tool", subjectID: tool.rawValue,
                    changes: ["version": .init(before: String(latest), after: String(latest + 1))]),
                by: .user(tenant.userID, address: req.clientAddress), in: tenant.associationID, on: db
            )
        }
        return req.redirect(to: "/\(tenant.association.slug)/staff/tools")
    }

    func open(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.viewStaffTools)
        guard let tool = req.parameters.get("tool").flatMap(StaffTool.init(rawValue:)),
            let latest = try await tenant.query(StaffToolVersion.self, on: req.db).filter(\.$tool == tool).sort(
                \.$version, .descending
            ).first()
        else { throw Abort(.notFound) }
        let response = Response(
            status: .ok, body: .init(data: try await req.application.files.read(latest.stored, on: req.db)))
        response.headers.contentType = HTTPMediaType.fileExtension(
            latest.kind.fileExtension)
        response.headers.contentDisposition = .init(.inline, filename: latest.fileName)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
