import Fluent
import SilahCore
import Vapor

extension RequestsController {
    struct IntakeForm: Content {
        var person: String?
        var channel: String?
        var serviceType: String?
        var description: String?
    }

    func newForm(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.openRequest)
        let form = IntakeForm(person: req.query[String.self, at: "person"])
        return try await renderIntake(req, tenant: tenant, form: form, error: nil)
    }

    func create(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.openRequest)
        let form = try req.content.decode(IntakeForm.self)
        do {
            let request = try await RequestDesk.open(
                .init(
                    personID: form.person.flatMap(UUID.init(uuidString:)),
                    channel: form.channel.flatMap(SilahCore.Channel.init(rawValue:)),
                    serviceType: form.serviceType, description: form.description),
                tenant: tenant, actor: req.actor, on: req.db, batches: req.application.intakeBatches)
            return req.redirect(to: SiteURL.request(tenant.association.slug, request.reference) + "?opened=1")
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity {
            return try await renderIntake(req, tenant: tenant, form: form, error: req.t(error.localized))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderIntake(_ req: Request, tenant: Tenant, form: IntakeForm, error: String?) async throws -> View {
        let t = req.t
        let slug = tenant.association.slug
        let person = try await tenant.find(Person.self, form.person.flatMap(UUID.init(uuidString:)), on: req.db)
        let types = try await RequestDesk.serviceTypes(tenant, on: req.db)
        let formName = tenant.policy.wording.requestForm
        return try await req.view.render(
            "requests/new",
            IntakeContext(
                page: PageContext(request: req, title: t(formName.ar, "New request")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t(formName),
                personName: person.fullName, personHref: SiteURL.person(slug, try person.requireID()),
                personID: try person.requireID().uuidString,
                action: SiteURL.newRequest(slug),
                steps: tenant.policy.intakeSteps.map { t($0) },
                stepsHeading: t("خطوات السياسة", "The policy's steps"),
                channelLabel: t("قناة الطلب", "Channel"),
                channels: tenant.policy.channels.map {
                    Choice(value: $0.rawValue, label: t($0.nameAr, $0.nameEn), selected: $0.rawValue == form.channel)
                },
                typeLabel: t("نوع الخدمة", "Service"),
                types: types.map { type in
                    IntakeContext.TypeChoice(
                        value: type.code, label: t(type.nameAr, type.nameEn), selected: type.code == form.serviceType,
                        requirements: (type.serviceType.requiredInformation.map { $0.name(req.language) }
                            + type.serviceType.requiredDocuments.map { $0.name(req.language) }).joined(
                                separator: t("، ", ", ")))
                },
                requirementsLabel: t("المطلوب", "Requires"),
                descriptionLabel: t("وصف الطلب", "Description"),
                description: form.description ?? "",
                submitLabel: t("استلام الطلب", "Receive the request"),
                error: error ?? "", hasError: error != nil))
    }
}
