import Foundation
import SilahCore

/// A timeline line as staff read it: what was done, where it left the request, and what was
/// recorded, in words (never the stored keys).
struct TimelineWords {
    let t: Translator
    let wording: AudienceWording
    let serviceNames: [String: LocalizedReason]
    let staffNames: [UUID: String]

    func row(_ event: RequestEvent) -> TimelineRow {
        if let handOff = AssignmentTimeline.row(event, names: staffNames, t) { return handOff }
        let state = event.toState.name(t.language)
        // The arrow points the way the reader reads.
        let arrow = t.language.direction == "rtl" ? "←" : "→"
        var lines: [String] = []
        if let reason = event.reason { lines.append(t("السبب أو الملاحظة: ", "Reason or note: ") + reason) }
        lines += TimelineDetail.read(event.details).flatMap(words)
        return TimelineRow(
            when: DateText.moment(event.at, t),
            title: title(event.action) + (event.fromState == event.toState ? "" : " \(arrow) " + state),
            detail: lines.joined(separator: " · "),
            by: event.actorID.flatMap { staffNames[$0] } ?? t("النظام", "System"))
    }

    func title(_ action: String) -> String {
        switch action {
        case "receive": t("استلام الطلب", "Request received")
        case "declaration_voided": t("بطل الإقرار لتغيّر البيانات", "Declaration voided: the data changed")
        case "file_merged":
            t("دُمج ملف \(wording.requesterAr) مع ملف آخر", "The applicant's file was merged with another")
        case "assigned": t("إسناد الطلب", "Request assigned")
        default: RequestAction(rawValue: action)?.name(t.language) ?? t("إجراء", "Step")
        }
    }

    func words(_ detail: TimelineDetail) -> [String] {
        switch detail {
        case .channel(let channel): [t("القناة: ", "Channel: ") + t(channel.nameAr, channel.nameEn)]
        case .serviceType(let code): [t("الخدمة: ", "Service: ") + (serviceNames[code].map(t.callAsFunction) ?? code)]
        case .study(let study):
            [
                t("الدراسة: ", "Study: ") + t(study.kind.name),
                t("الاحتياجات: ", "Needs: ") + study.needs,
                t("الدخل لكل فرد: ", "Income per member: ") + AmountText.riyals(study.incomePerMember, t),
                t("التوصية: ", "Recommendation: ") + study.recommendation,
            ]
        case .signed(let signer, let method):
            [t("الموقّع: ", "Signer: ") + signer, t("طريقة التوقيع: ", "Signed: ") + method.name(t.language)]
        case .meeting(let meeting):
            [
                (meeting.meetingNumber.map { t("في اجتماع اللجنة رقم ", "At committee meeting no. ") + String($0) }
                    ?? t("في اجتماع اللجنة", "At a committee meeting")),
                t("الأصوات: ", "Votes: ") + t(meeting.votes.words),
            ]
        case .answerDue(let date): [t("موعد الرد: ", "Answer due: ") + DateText.both(date, t)]
        case .paused(let days): [t("أيام الانتظار: ", "Days paused: ") + String(days)]
        case .delivery(let delivery):
            [t("ما قُدّم: ", "Delivered: ") + delivery.what]
                + (delivery.quantity.map { [t("الكمية: ", "Quantity: ") + TimelineDetail.number($0)] } ?? [])
                + (delivery.amount.map { [t("المبلغ: ", "Amount: ") + AmountText.riyals($0, t)] } ?? [])
                + [t("التاريخ: ", "Date: ") + DateText.both(delivery.deliveredOn, t)]
        }
    }
}
