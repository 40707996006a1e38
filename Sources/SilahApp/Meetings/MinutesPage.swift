import Foundation
import SilahCore

/// The minutes of a committee meeting (محضر اجتماع لجنة البحث), built from a loaded meeting
/// without I/O: who was present, and for every agenda item the votes and what was decided —
/// or that it was not discussed, when nobody recorded anything on it.
struct MinutesPage: Encodable {
    struct Row: Encodable {
        let reference: String
        let applicant: String
        let votes: String
        let decision: String
        let reasons: String
    }

    let associationName: String
    let heading: String
    /// Said on screen and on paper while the meeting is open; empty once its minutes are final.
    let draftNote: String
    let dateLine: String
    let place: String
    let attendeesHeading: String
    let attendees: [String]
    let decisionsHeading: String
    let columns: [String]
    let rows: [Row]
    let signaturesHeading: String
    let printLabel: String
    let backHref: String
    let backLabel: String

    init(_ meeting: MeetingAggregate, associationName: String, slug: String, t: Translator) {
        let day = meeting.heldOn
        let hijri = try? UmmAlQuraCalendar.standard.hijri(from: day)
        self.associationName = associationName
        heading = t(
            "محضر اجتماع لجنة البحث رقم \(meeting.number)", "Minutes of research committee meeting \(meeting.number)")
        draftNote =
            meeting.isOpen
            ? t(
                "مسودة: الاجتماع لم يُغلق بعد، وقد يتغير ما فيه. لا يُعتمد هذا المحضر قبل إغلاقه.",
                "Draft: the meeting is not closed yet and what it holds may change. These minutes are not final"
                    + " until it is closed.")
            : ""
        dateLine = t(
            "عُقد يوم \(Self.weekdayAr(day)) \(hijri?.textAr ?? "") الموافق \(day.textAr)",
            "Held on \(Self.weekdayEn(day)) \(hijri?.textEn ?? "") (\(day.textEn))")
        place = meeting.place.map { t("المكان: ", "Place: ") + $0 } ?? ""
        attendeesHeading = t("الحاضرون", "Present")
        attendees = meeting.attendees.map(\.name)
        decisionsHeading = t("القرارات", "Decisions")
        columns = [
            t("رقم الطلب", "Reference"), t("مقدم الطلب", "Applicant"), t("الأصوات", "Votes"), t("القرار", "Decision"),
            t("الأسباب", "Reasons"),
        ]
        rows = meeting.items.map { item in
            let notVoting = meeting.attendees.filter { item.votes[$0.id] == nil }.map(\.name)
            let votes =
                item.votes.isEmpty && item.decision == nil
                ? ""
                : MeetingPage.tally(item.votes, attendees: meeting.attendees.count, t: t, separator: t("، ", ", "))
                    + (notVoting.isEmpty ? "" : " (" + notVoting.joined(separator: t("، ", ", ")) + ")")
            return Row(
                reference: item.reference, applicant: item.applicant, votes: votes,
                decision: item.decision.map { t($0.minuted) }
                    ?? (item.votes.isEmpty
                        ? t("لم يُناقش؛ يُدرج في الاجتماع التالي", "Not discussed; goes on the next meeting's agenda")
                        : t(
                            "سُجّلت أصوات، ولم يُسجَّل قرار؛ يُدرج في الاجتماع التالي",
                            "Votes recorded, no decision; goes on the next meeting's agenda")),
                reasons: item.reasons ?? "")
        }
        signaturesHeading = t("التوقيعات", "Signatures")
        printLabel = t("طباعة", "Print")
        backHref = SiteURL.meeting(slug, meeting.id)
        backLabel = t("العودة إلى الاجتماع", "Back to the meeting")
    }

    static func weekdayAr(_ day: GregorianDate) -> String {
        ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"][day.weekday]
    }

    static func weekdayEn(_ day: GregorianDate) -> String {
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][day.weekday]
    }
}
