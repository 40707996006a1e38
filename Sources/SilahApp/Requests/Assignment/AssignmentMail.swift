import Foundation

/// The e-mail an assignee gets when they asked for it: the reference and a link, never the
/// applicant's name or ID (a mailbox is read on phones and forwarded).
struct AssignmentMail: Equatable {
    let subject: String
    let body: String

    init(
        reference: String, associationNameAr: String, associationNameEn: String, requestLink: String,
        accountLink: String
    ) {
        subject = "\(associationNameAr): أُسند إليك الطلب \(reference) / Request \(reference) assigned to you"
        body = """
            أُسند إليك الطلب رقم \(reference) في \(associationNameAr).
            افتحه من هنا: \(requestLink)

            Request \(reference) at \(associationNameEn) was assigned to you.
            Open it here: \(requestLink)

            لإيقاف هذه الرسائل / To stop these e-mails: \(accountLink)
            """
    }
}
