import Foundation
import SilahCore

/// What the meeting page shows, built from a loaded meeting without I/O: the agenda, each item's
/// votes and decision, and the forms a member present may use while the meeting is open.
struct MeetingPage: Encodable {
    struct Voter: Encodable {
        let field: String
        let name: String
        /// One radio per vote; checked only where this member's vote was recorded.
        let options: [Choice]
    }

    struct Item: Encodable {
        let reference: String
        let href: String
        let applicant: String
        let service: String
        let due: String
        /// Where the item stands: not discussed yet, votes recorded, or the decision.
        let status: String
        let decided: Bool
        let decision: String
        let reasons: String
        let tally: String
        /// The members present with no vote recorded, by name; empty when all voted.
        let notVoting: String
        let voters: [Voter]
        /// A member present may record votes and a decision on it now.
        let open: Bool
    }

    struct Labels: Encodable {
        let votes: String
        let votesHint: String
        let decision: String
        let accept: String
        let reject: String
        let postpone: String
        let reasons: String
        let record: String
        let close: String
        let minutes: String
        let applicant: String
        let due: String
        let empty: String
    }

    let heading: String
    let date: String
    let place: String
    let attendeesLabel: String
    let attendees: [String]
    let isOpen: Bool
    /// Whether records can still be made, or since when they cannot.
    let statusNote: String
    let canRecord: Bool
    /// Whoever may open this page may close the meeting while it is open (the manager who opened
    /// it too, present or not) — as the server allows: the page offered it to members present only.
    let canClose: Bool
    let notPresent: String
    let error: String
    let hasError: Bool
    let agendaHeading: String
    /// What happens to the items nobody decides on: said before anyone closes the meeting.
    let undiscussed: String
    let items: [Item]
    let votesAction: String
    let decisionAction: String
    let closeAction: String
    let minutesHref: String
    let labels: Labels

    init(
        _ meeting: MeetingAggregate, viewer: UUID, slug: String, wording: AudienceWording, t: Translator,
        error: String? = nil
    ) {
        let canRecord = meeting.isOpen && meeting.attendees.contains { $0.id == viewer }
        heading = t("اجتماع لجنة البحث رقم \(meeting.number)", "Research committee meeting \(meeting.number)")
        date = DateText.both(meeting.heldOn, t)
        place = meeting.place ?? ""
        attendeesLabel = t("الحاضرون", "Present")
        attendees = meeting.attendees.map(\.name)
        isOpen = meeting.isOpen
        statusNote =
            if let closed = meeting.closedOn {
                t(
                    "أُغلق الاجتماع في \(DateText.both(closed, t)): محضره نهائي ولا يُسجَّل فيه شيء بعد الآن.",
                    "The meeting was closed on \(DateText.both(closed, t)): its minutes are final and nothing more"
                        + " is recorded in it.")
            } else if meeting.isOpen {
                t(
                    "الاجتماع مفتوح: تُسجَّل الأصوات والقرارات حتى يُغلق، ومحضره مسودة إلى ذلك الحين.",
                    "The meeting is open: votes and decisions are recorded until it is closed; its minutes are a"
                        + " draft until then.")
            } else {
                t("أُغلق الاجتماع: محضره نهائي.", "The meeting is closed: its minutes are final.")
            }
        self.canRecord = canRecord
        canClose = meeting.isOpen
        notPresent = t(
            "تسجيل الأصوات والقرارات لعضو حاضر في الاجتماع.", "Votes and decisions are recorded by a member present.")
        self.error = error ?? ""
        hasError = error != nil
        agendaHeading = t("جدول الأعمال", "Agenda")
        undiscussed = t(
            "الطلب الذي لا يُسجَّل فيه قرار في هذا الاجتماع لا يُسجَّل عليه شيء: يبقى بانتظار قرار اللجنة"
                + " ويُدرج في جدول الاجتماع التالي، ولا يُرسل إلى \(wording.singularAr) شيء عنه."
                + " للتأجيل صراحةً اختر «تأجيل إلى الاجتماع التالي».",
            "A request with no decision recorded at this meeting has nothing recorded on it: it keeps waiting for"
                + " the committee and goes on the next meeting's agenda, and nothing is sent to the"
                + " \(wording.singularEn) about it. To postpone it on the record, choose “Postpone to the next meeting”."
        )
        items = meeting.items.map { item in
            Self.item(item, in: meeting, slug: slug, canRecord: canRecord, t: t)
        }
        votesAction = SiteURL.meetingVotes(slug, meeting.id)
        decisionAction = SiteURL.meetingDecision(slug, meeting.id)
        closeAction = SiteURL.meetingClose(slug, meeting.id)
        minutesHref = SiteURL.meetingMinutes(slug, meeting.id)
        labels = Labels(
            votes: t("تسجيل الأصوات", "Record the votes"),
            votesHint: t(
                "اختر صوت كل عضو حاضر؛ العضو الذي لا يُختار له صوت يُسجَّل «لم يصوّت».",
                "Choose each member's vote; a member with no vote chosen is recorded as not voting."),
            decision: t("القرار", "Decision"),
            accept: t("قبول", "Accept"), reject: t("رفض", "Reject"),
            postpone: t("تأجيل إلى الاجتماع التالي", "Postpone to the next meeting"),
            reasons: t(
                "الأسباب — تُرسل بنصّها إلى \(wording.singularAr) مع القبول أو الرفض (مطلوبة للرفض؛"
                    + " سبب التأجيل يبقى في المحضر ولا يُرسل)",
                "Reasons — sent word for word to the \(wording.singularEn) with an acceptance or a rejection"
                    + " (required for a rejection; a postponement's reason stays in the minutes and is not sent)"),
            record: t("تسجيل القرار", "Record the decision"), close: t("إغلاق الاجتماع", "Close the meeting"),
            minutes: t("المحضر", "Minutes"), applicant: t("مقدم الطلب", "Applicant"),
            due: t("موعد الرد", "Answer due"),
            empty: t("لا طلبات على جدول الأعمال.", "No requests on the agenda."))
    }

    private static func item(
        _ item: MeetingAggregate.Item, in meeting: MeetingAggregate, slug: String, canRecord: Bool, t: Translator
    ) -> Item {
        let notVoting = meeting.attendees.filter { item.votes[$0.id] == nil }.map(\.name)
        let open = canRecord && item.waiting && item.decision == nil
        let status: String
        if let decision = item.decision {
            status = t(decision.outcome)
        } else if item.votes.isEmpty {
            // "yet" promises a discussion a closed meeting will never hold.
            status =
                meeting.isOpen
                ? t("لم يُناقش بعد", "Not discussed yet")
                : t("لم يُناقش في هذا الاجتماع", "Not discussed at this meeting")
        } else {
            status = t("سُجّلت أصوات، ولم يُسجَّل قرار", "Votes recorded; no decision yet")
        }
        return Item(
            reference: item.reference, href: SiteURL.request(slug, item.reference), applicant: item.applicant,
            service: t(item.service), due: item.answerDue.map { DateText.both($0, t) } ?? "",
            status: status, decided: item.decision != nil, decision: item.decision.map { t($0.outcome) } ?? "",
            reasons: item.reasons ?? "",
            tally: Self.tally(item.votes, attendees: meeting.attendees.count, t: t),
            notVoting: notVoting.isEmpty
                ? "" : t("لم يصوّت: ", "Not voting: ") + notVoting.joined(separator: t("، ", ", ")),
            // The vote forms only where they are shown: a meeting's 40 items × members × 3 radios were
            // a third of its page's work, for forms a decided item never shows.
            voters: !open
                ? []
                : meeting.attendees.map { member in
                    Voter(
                        field: "vote_" + member.id.uuidString, name: member.name,
                        options: Meetings.Vote.allCases.map {
                            Choice(
                                value: $0.rawValue, label: $0.name(t.language), selected: item.votes[member.id] == $0)
                        })
                },
            open: open)
    }

    /// "موافق: 2 · غير موافق: 0 · ممتنع: 0 · لم يصوّت: 1"
    static func tally(_ votes: [UUID: Meetings.Vote], attendees: Int, t: Translator, separator: String = " · ")
        -> String
    {
        let cast = Meetings.Vote.allCases.map { vote in
            vote.name(t.language) + ": " + String(votes.values.filter { $0 == vote }.count)
        }
        let silent = max(0, attendees - votes.count)
        return (cast + [t("لم يصوّت: ", "Not voting: ") + String(silent)]).joined(separator: separator)
    }
}
