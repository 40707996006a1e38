import Foundation
import OpenAPIKit

/// The OpenAPI 3.1 document of the JSON API under `/api/v1`, built in code beside the routes it
/// describes and served at `GET /api/v1/openapi.json`. Every route the API controllers register is
/// here with every status its handler can answer; the shapes are in `SilahOpenAPI+Schemas.swift`.
enum SilahOpenAPI {
    /// The document; `serverURL` (an origin such as `https://silah.example.sa`) becomes its one server.
    static func document(serverURL: String? = nil) -> OpenAPI.Document {
        OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: OpenAPI.Document.Info(title: "Silah API", description: overview, version: "1"),
            servers: serverURL.flatMap { URL(string: $0) }.map { [OpenAPI.Server(url: $0)] } ?? [],
            paths: paths,
            components: components
        )
    }

    /// The document as JSON, keys sorted so the same build always answers the same bytes.
    static func json(serverURL: String? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(serverURL: serverURL))
    }

    static let overview = """
        The JSON API of Silah, beneficiary relationship management for Saudi non-profit associations: \
        the associations and their board-approved policies, the Umm al-Qura calendar and ID/mobile checks \
        (public), and — with a personal access token — the registry, the requests workflow, committee \
        meetings, staff and the audit trail of the token's own association, as far as its holder's role allows.

        Send the token as `Authorization: Bearer silah_…` (`silah token create`, or the account page). \
        Every refusal is JSON `{"error": code, "reason": …, "reasonAr": …, "reasonEn": …}`: `error` is a \
        stable code, `reasonAr` and `reasonEn` say why in Arabic and English, `reason` repeats the English. \
        Dates are `YYYY-MM-DD` (Gregorian, or Umm al-Qura where the field says Hijri); instants are ISO 8601 in UTC.
        """

    // MARK: Paths

    static var paths: OpenAPI.PathItem.Map {
        [
            "/api/v1/openapi.json": .init(get: openAPIDocument),
            "/api/v1/associations": .init(get: listAssociations),
            "/api/v1/associations/{slug}/policy": .init(get: getPolicy),
            "/api/v1/associations/{slug}/workflow": .init(get: getWorkflow),
            "/api/v1/calendar/convert": .init(get: convertDate),
            "/api/v1/validate/national-id": .init(get: validateNationalId),
            "/api/v1/validate/mobile": .init(get: validateMobile),
            "/api/v1/me": .init(get: getMe),
            "/api/v1/associations/{slug}/staff": .init(get: listStaff),
            "/api/v1/associations/{slug}/audit": .init(get: listAuditRecords),
            "/api/v1/associations/{slug}/people": .init(get: searchPeople),
            "/api/v1/associations/{slug}/people/{personID}": .init(get: getPerson),
            "/api/v1/associations/{slug}/requests": .init(post: createRequest),
            "/api/v1/associations/{slug}/meetings": .init(post: openMeeting),
            "/api/v1/requests/{reference}": .init(get: getRequest),
            "/api/v1/requests/{reference}/actions/{action}": .init(post: performAction),
            "/api/v1/requests/{reference}/assignee": .init(put: setAssignee),
        ]
    }

    // MARK: Public

    static var openAPIDocument: OpenAPI.Operation {
        operation(
            "Meta", "getOpenAPIDocument", "This document",
            responses: [200: ok("The OpenAPI 3.1 document of this API.", openAPIObject)])
    }

    static var listAssociations: OpenAPI.Operation {
        operation(
            "Associations", "listAssociations", "The associations on this installation",
            responses: [200: ok("Every association, oldest first.", list(ref("Association")))])
    }

    static var getPolicy: OpenAPI.Operation {
        operation(
            "Associations", "getPolicy", "An association's current policy, in codes",
            parameters: [slug],
            responses: [200: ok("The current policy; absent values are `null`.", ref("Policy"))], errors: [404])
    }

    static var getWorkflow: OpenAPI.Operation {
        operation(
            "Requests", "getWorkflow", "The request workflow the current policy prescribes",
            parameters: [slug],
            responses: [200: ok("States, and who may take each transition.", ref("Workflow"))], errors: [404])
    }

    static var convertDate: OpenAPI.Operation {
        operation(
            "Calendar", "convertDate", "One day in the Gregorian and Umm al-Qura calendars",
            description: "Send `gregorian` or `hijri` (when both are sent, `gregorian` is used). Outside "
                + "1343–1500 AH (1924-08-01 – 2077-11-16), malformed, or neither: 422.",
            parameters: [
                query("gregorian", .string(format: .date), "A Gregorian day, `YYYY-MM-DD`.", example: "2026-11-30"),
                query("hijri", hijriDay, "An Umm al-Qura day, `YYYY-MM-DD`.", example: "1448-06-20"),
            ],
            responses: [200: ok("The day in both calendars, in numbers and in words.", ref("DateConversion"))],
            errors: [422])
    }

    static var validateNationalId: OpenAPI.Operation {
        operation(
            "Validation", "validateNationalId", "Check a national ID or Iqama number as it is typed",
            parameters: [query("value", .string(maxLength: 100), "The number as typed.", example: "1000000008")],
            responses: [200: ok("Whether it is valid, and why not.", ref("NationalIdValidation"))])
    }

    static var validateMobile: OpenAPI.Operation {
        operation(
            "Validation", "validateMobile", "Check a Saudi mobile number as it is typed",
            parameters: [query("value", .string(maxLength: 100), "The number as typed.", example: "0501234567")],
            responses: [200: ok("Whether it is valid, its E.164 form, and why not.", ref("MobileValidation"))])
    }

    // MARK: With a token

    static var getMe: OpenAPI.Operation {
        operation(
            "Staff", "getMe", "The token's holder, association and role", token: true,
            responses: [200: ok("Who the token acts as.", ref("Me"))], errors: [401, 404])
    }

    static var listStaff: OpenAPI.Operation {
        operation(
            "Staff", "listStaff", "The association's staff (administrators)", token: true,
            parameters: [slug],
            responses: [200: ok("Every membership, active or not.", list(ref("StaffMember")))],
            errors: [401, 403, 404])
    }

    static var listAuditRecords: OpenAPI.Operation {
        operation(
            "Staff", "listAuditRecords", "The association's audit trail, newest first (managers)", token: true,
            description:
                "At most 500 records. `from` and `to` take Gregorian or Hijri days; a malformed one is 422.",
            parameters: [
                slug,
                query("staff", uuid, "Only what this staff member did (their user id)."),
                query("action", .string(maxLength: 100), "Only this action, e.g. `person_opened`."),
                query("subject", .string(maxLength: 100), "Only records about this subject id."),
                query("from", .string(maxLength: 30), "From this day on.", example: "2026-11-01"),
                query("to", .string(maxLength: 30), "Up to this day.", example: "1448-06-20"),
            ],
            responses: [200: ok("The matching records.", list(ref("AuditRecord"), max: 500))],
            errors: [401, 403, 404, 422])
    }

    static var searchPeople: OpenAPI.Operation {
        operation(
            "People", "searchPeople", "Search the registry by name, ID or mobile", token: true,
            description: "Any part of the name in any order (the last word may be unfinished), an ID, or a mobile "
                + "in any form; ranked. A page or page size out of range is 400.",
            parameters: [
                slug,
                query("q", .string(maxLength: 200), "What to look for.", example: "محمد"),
                query(
                    "page",
                    .integer(
                        maximum: (100_000, exclusive: false), minimum: (1, exclusive: false), defaultValue: 1),
                    "Page, from 1."),
                query(
                    "per",
                    .integer(maximum: (100, exclusive: false), minimum: (1, exclusive: false), defaultValue: 20),
                    "Page size."),
            ],
            responses: [200: ok("Ranked matches, ID and mobile masked.", list(ref("PersonHit"), max: 100))],
            errors: [400, 401, 403, 404])
    }

    static var getPerson: OpenAPI.Operation {
        operation(
            "People", "getPerson", "A person's whole file (the opening is audited)", token: true,
            parameters: [slug, path("personID", uuid, "The file’s id.")],
            responses: [200: ok("The file.", ref("Person"))], errors: [401, 403, 404])
    }

    static var createRequest: OpenAPI.Operation {
        operation(
            "Requests", "createRequest", "Receive a request on a person's file", token: true,
            description: "Checks the channel against the policy and the service type against the association's "
                + "list, gives the request its reference and answer date, and tells the applicant.",
            parameters: [slug],
            body: ref("CreateRequestBody"), bodyRequired: true,
            example: [
                "personId": "00000000-0000-0000-0000-000000000000", "channel": "phone",
                "serviceType": "financial_aid", "description": "Help with the rent of this month",
            ],
            responses: [
                201: .response(
                    OpenAPI.Response(
                        description: "The request as received.",
                        headers: [
                            "Location": .header(
                                OpenAPI.Header(
                                    schema: .string, description: "`/api/v1/requests/{reference}`", required: true))
                        ],
                        content: [.json: .content(.init(schema: ref("Request")))]))
            ],
            errors: [400, 401, 403, 404, 413, 415, 422])
    }

    static var openMeeting: OpenAPI.Operation {
        operation(
            "Requests", "openMeeting", "Open a research committee meeting", token: true,
            description: "Its agenda is every request waiting for the committee. An association whose policy has "
                + "no research committee has no meetings: 404.",
            parameters: [slug],
            body: ref("MeetingBody"), bodyRequired: false,
            example: ["heldOn": "2026-11-30", "place": "Main hall"],
            responses: [201: ok("The meeting.", ref("Meeting"))],
            errors: [400, 401, 403, 404, 413, 415, 422])
    }

    static var getRequest: OpenAPI.Operation {
        operation(
            "Requests", "getRequest", "A request, where it stands and what the caller may do (audited)",
            token: true,
            parameters: [reference],
            responses: [200: ok("The request and its timeline.", ref("Request"))], errors: [401, 403, 404])
    }

    static var performAction: OpenAPI.Operation {
        operation(
            "Requests", "performAction", "Move a request on by one workflow action", token: true,
            description: "A refused action is 422 naming the field or the rule (`documents_missing`, `id_expired`, "
                + "`declaration_void`, `reason_required`, …); 403 for a role the policy does not give it; 409 when "
                + "someone else moved the request first. An unknown action is 404.",
            parameters: [reference, path("action", ref("ActionCode"), "The action.", example: "verify")],
            body: ref("ActionBody"), bodyRequired: false,
            example: ["reason": "Checked against the originals."],
            responses: [200: ok("The request after the action.", ref("Request"))],
            errors: [400, 401, 403, 404, 409, 413, 415, 422])
    }

    static var setAssignee: OpenAPI.Operation {
        operation(
            "Requests", "setAssignee", "Assign a request to a named staff member, or take it back", token: true,
            description: "For the relations officer and the manager (403 for other roles). The assignee must be an "
                + "active member of the association whose role takes the request forward where it stands: "
                + "otherwise 422 (`assignee_not_member`, `assignee_cannot_work_on_requests`, "
                + "`assignee_does_not_act_at_this_step`); an ended request is not assigned "
                + "(`request_ended`). `null` or no body takes the request back. Recorded on the timeline and in "
                + "the audit trail; the assignee is e-mailed if they asked to be.",
            parameters: [reference],
            body: ref("AssigneeBody"), bodyRequired: false,
            responses: [200: ok("The request with its assignee.", ref("Request"))],
            errors: [400, 401, 403, 404, 413, 415, 422])
    }

    // MARK: Helpers

    static var openAPIObject: JSONSchema {
        .object(properties: ["openapi": .string, "info": .object, "paths": .object])
    }

    static var slug: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        .reference(.component(named: "slug"))
    }

    static var reference: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        .reference(.component(named: "reference"))
    }

    static func path(_ name: String, _ schema: JSONSchema, _ description: String, example: String? = nil)
        -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter>
    {
        .parameter(
            .path(
                name: name,
                schemaOrContent: .schema(.init(schema, style: .simple, example: example.map { AnyCodable($0) })),
                description: description))
    }

    static func query(_ name: String, _ schema: JSONSchema, _ description: String, example: String? = nil)
        -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter>
    {
        .parameter(
            .query(
                name: name,
                schemaOrContent: .schema(.init(schema, style: .form, example: example.map { AnyCodable($0) })),
                description: description))
    }

    static func ok(_ description: String, _ schema: JSONSchema)
        -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>
    {
        .response(OpenAPI.Response(description: description, content: [.json: .content(.init(schema: schema))]))
    }

    /// The shared refusal answers, by status.
    static let refusals: [Int: String] = [
        400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict",
        413: "PayloadTooLarge", 415: "UnsupportedMediaType", 422: "Unprocessable",
    ]

    static func operation(
        _ tag: String, _ id: String, _ summary: String, token: Bool = false, description: String? = nil,
        parameters: OpenAPI.Parameter.Array = [], body: JSONSchema? = nil, bodyRequired: Bool = false,
        example: [String: String]? = nil, responses: OpenAPI.Response.Map, errors: [Int] = []
    ) -> OpenAPI.Operation {
        var answers = responses
        // Any operation answers 400 to an address or body it cannot accept (a NUL character, a body
        // that is not what the operation reads), whatever else it documents.
        for status in Set(errors + [400]).sorted() {
            guard let name = refusals[status] else { continue }
            answers[status: .status(code: status)] = .reference(.component(named: name))
        }
        let requestBody = body.map { schema in
            OpenAPI.Request(
                content: [.json: .content(.init(schema: schema, example: example.map { AnyCodable($0) }))],
                required: bodyRequired)
        }
        return OpenAPI.Operation(
            tags: [tag], summary: summary, description: description, operationId: id, parameters: parameters,
            requestBody: requestBody, responses: answers,
            security: token ? [[.component(named: bearerScheme): []]] : nil)
    }
}
