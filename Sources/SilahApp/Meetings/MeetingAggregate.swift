import Foundation
import SilahCore

/// A committee meeting as its pages show it, loaded once (`MeetingQueries.aggregate`): the
/// meeting, the members present by name, and its agenda with each request's applicant, service,
/// votes and decision. Plain values, so the page models are built from it without I/O.
struct MeetingAggregate: Sendable {
    struct Member: Sendable, Equatable {
        let id: UUID
        let name: String
    }

    struct Item: Sendable {
        let reference: String
        let applicant: String
        let service: LocalizedReason
        let answerDue: GregorianDate?
        /// The request still waits for the committee's decision.
        let waiting: Bool
        let votes: [UUID: Meetings.Vote]
        let decision: AgendaDecision?
        let reasons: String?
    }

    let id: UUID
    let number: Int
    let heldOn: GregorianDate
    let place: String?
    let isOpen: Bool
    let attendees: [Member]
    let items: [Item]
    /// The day it was closed (Riyadh), once it is.
    var closedOn: GregorianDate? = nil
}
