import Foundation
import OpenAPIKit
import SilahCore

/// The shapes of the JSON API: what each DTO encodes, property for property. A field a DTO encodes
/// with `encodeIfPresent` (the synthesised `Codable` of an optional) may be missing; one encoded
/// explicitly is `null` when empty. Both are written `omittable` / `nullable` here.
extension SilahOpenAPI {
    static var components: OpenAPI.Components {
        .direct(
            schemas: [
                "Error": errorSchema,
                "Association": association,
                "Policy": policy,
                "Workflow": workflow,
                "ActionCode": actionCode,
                "DateConversion": dateConversion,
                "NationalIdValidation": nationalIdValidation,
                "MobileValidation": mobileValidation,
                "Me": me,
                "StaffMember": staffMember,
                "AuditRecord": auditRecord,
                "PersonHit": personHit,
                "Person": person,
                "Request": request,
                "RequestEvent": requestEvent,
                "Meeting": meeting,
                "CreateRequestBody": createRequestBody,
                "ActionBody": actionBody,
                "MeetingBody": meetingBody,
                "AssigneeBody": assigneeBody,
            ],
            responses: [
                "BadRequest": refusal("400: malformed JSON, a field of the wrong type, or a number out of range."),
                "Unauthorized": refusal("401: no valid personal access token (`Authorization: Bearer silah_…`)."),
                "Forbidden": refusal("403 `not_permitted`: the token holder's role may not do this."),
                "NotFound": refusal(
                    "404 `not_found`: no such association, record or action — also another association's, "
                        + "so nothing leaks across associations."),
                "Conflict": refusal("409: someone else changed the request first; read it again."),
                "PayloadTooLarge": refusal(
                    "413: the body is larger than the route accepts (16 KB; 14 MB for an action, which may "
                        + "carry a scanned form)."),
                "UnsupportedMediaType": refusal("415: send the body as `application/json`."),
                "Unprocessable": refusal(
                    "422: refused, naming the field or the rule in both languages (e.g. `reason_required`, "
                        + "`documents_missing`, `date_out_of_range`)."),
            ],
            parameters: [
                "slug": .path(
                    name: "slug",
                    schemaOrContent: .schema(
                        .init(
                            .string(maxLength: 60, pattern: "^[a-z0-9][a-z0-9-]*$"), style: .simple, example: "waei"
                        )),
                    description: "The association's slug (lower-case letters, digits, hyphens). A token works only "
                        + "in its own association; any other slug is 404."),
                "reference": .path(
                    name: "reference",
                    schemaOrContent: .schema(
                        .init(
                            .string(minLength: 1, maxLength: 40), style: .simple, example: .init(exampleReference))),
                    description: "The request's reference, `HIJRIYEAR-NNNNN`, looked up in the token's association."
                ),
            ],
            securitySchemes: [
                "bearerToken": .http(
                    scheme: "bearer", bearerFormat: "silah_…",
                    description: "A personal access token (`silah token create`, or the account page), sent as "
                        + "`Authorization: Bearer silah_…`. It acts in its own association with its holder's role.")
            ]
        )
    }

    // MARK: Building blocks

    /// The key of the security scheme above.
    static let bearerScheme = "bearerToken"

    static func ref(_ name: String) -> JSONSchema { .reference(.component(named: name)) }
    static var text: JSONSchema { .string }
    static var uuid: JSONSchema { .string(format: .uuid) }
    /// `YYYY-MM-DD` in the Gregorian calendar.
    static var day: JSONSchema { .string(format: .date) }
    /// `YYYY-MM-DD` in the Umm al-Qura calendar (not a Gregorian `date`: 1446-02-30 exists).
    static var hijriDay: JSONSchema { .string(pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") }
    static var instant: JSONSchema { .string(format: .dateTime) }
    static func list(_ items: JSONSchema, max: Int? = nil) -> JSONSchema { .array(maxItems: max, items: items) }
    /// Always present, `null` when there is no value.
    static func nullable(_ schema: JSONSchema) -> JSONSchema { schema.nullableSchemaObject() }
    /// Left out when there is no value (a `null` is accepted too).
    static func omittable(_ schema: JSONSchema) -> JSONSchema {
        schema.optionalSchemaObject().nullableSchemaObject()
    }
    /// Sent when the caller has it; the server decides what an absent one means.
    static func optional(_ schema: JSONSchema) -> JSONSchema { schema.optionalSchemaObject() }
    static func oneOf(_ values: String...) -> JSONSchema { .string(allowedValues: values.map { AnyCodable($0) }) }
    static func object(_ description: String? = nil, _ properties: [(String, JSONSchema)]) -> JSONSchema {
        .object(description: description, properties: .init(properties, uniquingKeysWith: { first, _ in first }))
    }

    static func refusal(_ description: String) -> OpenAPI.Response {
        OpenAPI.Response(description: description, content: [.json: .content(.init(schema: ref("Error")))])
    }

    /// The reference of the first request of this Hijri year, for examples (the demo data has it).
    static var exampleReference: String {
        let year = Calendar(identifier: .islamicUmmAlQura).component(.year, from: Date())
        return "\((1440...1600).contains(year) ? year : 1448)-00001"
    }

    // MARK: Answers

    static var errorSchema: JSONSchema {
        object(
            "Every refusal and error: a stable code and the reason in both languages.",
            [("error", text), ("reason", text), ("reasonAr", text), ("reasonEn", text)])
    }

    static var association: JSONSchema {
        object(nil, [("slug", text), ("nameAr", text), ("nameEn", text)])
    }

    static var policy: JSONSchema {
        let approval = object(
            "The board's approval of this version; `null` where the policy does not say.",
            [
                ("meetingNumber", nullable(.integer)), ("boardTerm", nullable(.integer)),
                ("hijriDate", nullable(hijriDay)), ("gregorianDate", nullable(day)),
                ("signatories", list(text)), ("replacesEarlier", .boolean),
            ])
        return object(
            "The current policy in codes (shared/GLOSSARY.md).",
            [
                ("audience", text), ("channels", list(text)), ("staffTools", list(text)), ("referralRole", text),
                ("decisionBody", text), ("decisionWindowDays", .integer), ("decisionWindowKind", text),
                ("steps", list(text)), ("approval", approval),
            ])
    }

    static var workflow: JSONSchema {
        let transition = object(
            nil, [("from", text), ("action", ref("ActionCode")), ("to", text), ("roles", list(roleCode))])
        return object(
            "The request workflow the current policy prescribes.",
            [("initial", text), ("states", list(text)), ("transitions", list(transition))])
    }

    static var dateConversion: JSONSchema {
        object(
            "One day in both calendars.",
            [
                ("gregorian", day), ("hijri", hijriDay), ("hijriTextAr", text), ("hijriTextEn", text),
                ("gregorianTextAr", text), ("gregorianTextEn", text),
            ])
    }

    static var nationalIdValidation: JSONSchema {
        object(
            "`kind` and the reasons are `null` as the answer calls for.",
            [
                ("valid", .boolean), ("normalized", text),
                ("kind", .one(of: oneOf("citizen", "resident"), .null())),
                ("reasonAr", nullable(text)), ("reasonEn", nullable(text)),
            ])
    }

    static var mobileValidation: JSONSchema {
        object(
            nil,
            [
                ("valid", .boolean), ("e164", nullable(text)), ("reasonAr", nullable(text)),
                ("reasonEn", nullable(text)),
            ])
    }

    static var roleCode: JSONSchema {
        oneOf("admin", "manager", "relations_officer", "social_researcher", "committee_member", "board_member")
    }

    /// Every action code the workflow knows, from SilahCore's list (one home for the codes).
    static var actionCode: JSONSchema {
        .string(allowedValues: RequestAction.allCases.map { AnyCodable($0.rawValue) })
    }

    static var me: JSONSchema {
        object(
            "The token's holder, association and role, and the permissions the role has.",
            [("name", text), ("email", text), ("association", text), ("role", roleCode), ("actions", list(text))])
    }

    static var staffMember: JSONSchema {
        object(
            nil, [("id", uuid), ("name", text), ("email", text), ("role", roleCode), ("active", .boolean)])
    }

    static var auditRecord: JSONSchema {
        object(
            "One link of the association's hash chain, newest first.",
            [
                ("sequence", .integer), ("at", instant), ("actorId", omittable(uuid)), ("action", text),
                ("subjectType", text), ("subjectId", text), ("hash", text),
            ])
    }

    static var personHit: JSONSchema {
        object(
            "A match, ID and mobile masked.",
            [
                ("id", uuid), ("nameAr", text), ("nationalIdMasked", nullable(text)),
                ("mobileMasked", nullable(text)), ("birthDate", nullable(day)),
                ("birthDateHijri", nullable(hijriDay)),
                (
                    "match",
                    .string(
                        description: "What matched; empty when no `q` was sent (everyone, by name).",
                        allowedValues: "name", "national_id", "mobile", "")
                ),
            ])
    }

    static var person: JSONSchema {
        object(
            "A person's whole file; fields not on file are left out.",
            [
                ("id", uuid), ("type", text), ("status", text), ("nameAr", text), ("nameParts", list(text)),
                ("nameEn", omittable(text)), ("nationalId", omittable(text)), ("idExpiry", omittable(day)),
                ("birthDate", omittable(day)), ("birthDateHijri", omittable(hijriDay)), ("gender", omittable(text)),
                ("nationality", omittable(text)), ("mobile", omittable(text)), ("email", omittable(text)),
                ("region", omittable(text)), ("city", omittable(text)), ("category", omittable(text)),
                ("householdIncome", omittable(.number)), ("familySize", omittable(.integer)),
                ("consent", .boolean), ("consentDate", omittable(day)), ("consentVersion", omittable(text)),
            ])
    }

    static var request: JSONSchema {
        object(
            "A request: where it stands, when the answer is due, what the caller may do now.",
            [
                ("reference", text), ("personId", uuid), ("channel", text), ("serviceType", text),
                ("description", text), ("state", text), ("answerDueDate", omittable(day)),
                ("answerDueDateHijri", omittable(hijriDay)),
                ("declaration", oneOf("none", "valid", "void", "not_required")),
                ("allowedActions", list(ref("ActionCode"))), ("timeline", list(ref("RequestEvent"))),
                ("assigneeId", omittable(uuid)),
            ])
    }

    static var requestEvent: JSONSchema {
        object(
            "One line of the request's timeline, oldest first.",
            [
                ("at", instant), ("action", text), ("from", omittable(text)), ("to", text),
                ("reason", omittable(text)), ("actorId", omittable(uuid)),
                ("details", .object(additionalProperties: .b(text))),
            ])
    }

    static var meeting: JSONSchema {
        object(
            "A committee meeting; its agenda is every request waiting for the committee.",
            [
                ("id", uuid), ("number", .integer), ("heldOn", day), ("attendees", list(uuid)),
                ("agenda", list(text)),
            ])
    }

    // MARK: Bodies

    static var createRequestBody: JSONSchema {
        object(
            "A request received on a person's file. All four are needed (422 naming the one missing).",
            [
                ("personId", uuid), ("channel", text), ("serviceType", text),
                ("description", .string(maxLength: 4000)),
            ])
    }

    static var actionBody: JSONSchema {
        object(
            "What the action needs; every field is optional and each action reads its own. "
                + "Amounts and quantities are text (`1500.50`, Arabic-Indic digits too).",
            [
                ("reason", optional(.string(maxLength: 2000))),
                ("studyKind", optional(oneOf("visit", "interview"))),
                ("needs", optional(.string(maxLength: 2000))),
                ("incomePerMember", optional(.string(maxLength: 30))),
                ("recommendation", optional(.string(maxLength: 2000))),
                ("signerName", optional(.string(maxLength: 200))),
                ("signatureMethod", optional(oneOf("drawn", "scanned", "one_time_code"))),
                ("evidence", optional(.string(contentEncoding: .base64))),
                ("code", optional(.string(maxLength: 20))),
                ("meetingId", optional(uuid)),
                ("votes", optional(.object(additionalProperties: .b(oneOf("accept", "reject", "abstain"))))),
                ("what", optional(.string(maxLength: 500))), ("quantity", optional(.string(maxLength: 30))),
                ("amount", optional(.string(maxLength: 30))), ("deliveredOn", optional(.string(maxLength: 30))),
                (
                    "seen",
                    optional(
                        .string(
                            description: "The state the client last read; the action is refused (409, who and when) "
                                + "if the request has moved on since.",
                            allowedValues: RequestState.allCases.map { AnyCodable($0.rawValue) })
                    )
                ),
            ])
    }

    static var assigneeBody: JSONSchema {
        object(
            "The staff member's user id (`GET …/staff`); `null` takes the request back.",
            [("assigneeId", omittable(uuid))])
    }

    static var meetingBody: JSONSchema {
        object(
            "`attendees` defaults to the token holder; `heldOn` to today.",
            [
                ("heldOn", optional(.string(maxLength: 30))), ("place", optional(.string(maxLength: 200))),
                ("attendees", optional(list(uuid, max: 50))),
            ])
    }
}
