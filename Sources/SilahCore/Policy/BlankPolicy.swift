/// The policy an association starts from when none of the presets fits: the workflow every
/// seed shares, the two most common channels and the bylaws, to be edited and approved.
public enum BlankPolicy {
    public static func make() -> Policy {
        Policy(
            schemaVersion: 1,
            association: AssociationIdentity(slug: "new-association", nameAr: "جمعية جديدة", nameEn: "New association"),
            audience: .beneficiary,
            feminineForms: false,
            receivingStaffTitle: LocalizedReason(ar: "موظف علاقات المستفيدين", en: "Beneficiary relations officer"),
            channels: [.interview, .phone],
            staffTools: [.bylaws],
            referralRole: .socialResearcher,
            decisionBody: .researchCommittee,
            decisionWindow: DecisionWindow(days: 14, kind: .calendar),
            steps: WorkflowStep.allCases,
            text: PolicyText(
                titleAr: "سياسة تنظيم العلاقة مع المستفيدين",
                titleEn: "Beneficiary Relationship Policy",
                preambleAr: [
                    "تضع الجمعية السياسات والإجراءات التي تنظم علاقتها بجميع الأطراف من مستفيدين وداعمين ومتطوعين، بما يكفل حقوق الجمعية وكافة هذه الأطراف."
                ],
                preambleEn: [
                    "The association sets the policies and procedures that govern its relations with beneficiaries, supporters and volunteers, safeguarding the rights of all."
                ],
                generalGoalAr:
                    "تقديم خدمة متميزة للمستفيدين بإتقان وسرعة وجودة عالية، والوصول إليهم بأسهل الطرق دون الحاجة إلى طلب المستفيد.",
                generalGoalEn:
                    "To give beneficiaries an outstanding service, skilled, fast and of high quality, reaching them by the easiest ways without their needing to ask.",
                detailedGoals: []
            ),
            approval: ApprovalRecord(
                body: "board_of_directors",
                signatories: [],
                replacesEarlier: false,
                noteAr: "مسودة لم يعتمدها مجلس الإدارة بعد.",
                noteEn: "A draft the board has not approved yet."
            )
        )
    }
}
