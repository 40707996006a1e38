import SilahCore
import Vapor

/// How each action reads to the person who may take it.
enum ActionNames {
    static func describe(_ action: Action, _ t: Translator) -> String {
        switch action {
        case .viewStaffHome: t("فتح مساحة عمل الجمعية", "Open the association's workspace")
        case .viewPolicyRegister: t("الاطلاع على سجل السياسات واعتمادها", "Read the policy register and approvals")
        case .recordPolicyVersion: t("تسجيل إصدار معتمد جديد من السياسة", "Record a newly approved policy version")
        case .manageStaff: t("إضافة الموظفين وتغيير أدوارهم", "Add staff and change their roles")
        case .viewAuditTrail: t("الاطلاع على سجل التدقيق", "Read the audit trail")
        case .exportAuditTrail: t("تصدير سجل التدقيق", "Export the audit trail")
        case .manageOwnTokens: t("إدارة رموز الوصول الخاصة بك", "Manage your own access tokens")
        case .viewPersonFile: t("البحث في السجل وفتح ملفات الأشخاص", "Search the registry and open files")
        case .editPersonFile: t("تسجيل الأشخاص وتعديل ملفاتهم", "Register people and change their files")
        case .logContact: t("تسجيل التواصل على قنوات السياسة", "Log contacts on the policy's channels")
        case .importPeople: t("استيراد الأشخاص من جداول البيانات", "Import people from spreadsheets")
        case .exportPeople: t("تصدير القوائم", "Export lists")
        case .mergePeople: t("دمج ملفين لشخص واحد", "Merge two files of one person")
        case .viewStaffTools:
            t("فتح أدوات الموظف (اللائحة والأدلة والنماذج)", "Open the staff tools (bylaws, guides, forms)")
        case .manageStaffTools: t("رفع إصدار جديد من أدوات الموظف", "Upload new versions of staff tools")
        case .openRequest: t("استلام الطلبات على ملفات الأشخاص", "Receive requests on people's files")
        case .workOnRequests:
            t("متابعة الطلبات والإجراءات التي تسندها السياسة للدور", "Work on requests as the policy gives the role")
        case .assignRequests: t("إسناد الطلبات إلى موظف بعينه", "Assign requests to a named staff member")
        case .holdCommitteeMeetings: t("عقد اجتماعات لجنة البحث وتسجيل المحاضر", "Hold research committee meetings")
        case .viewOutbox: t("الاطلاع على الرسائل وحالة إرسالها", "See messages and their delivery status")
        case .manageWorkflowSettings:
            t("تعديل أنواع الخدمات والإجازات وقناة الإشعار", "Edit service types, holidays and how applicants are told")
        }
    }

    static func label(_ code: String, _ t: Translator) -> String {
        switch code {
        case "sign_in": t("تسجيل دخول", "Sign-in")
        case "sign_in_failed": t("محاولة دخول فاشلة", "Failed sign-in")
        case "sign_in_throttled": t("دخول مؤجل لكثرة المحاولات", "Sign-in throttled")
        case "sign_out": t("تسجيل خروج", "Sign-out")
        case "password_set": t("تعيين كلمة مرور", "Password set")
        case "password_changed": t("تغيير كلمة المرور", "Password changed")
        case "password_link_requested": t("طلب رابط كلمة مرور", "Password link requested")
        case "staff_added": t("إضافة موظف", "Staff member added")
        case "staff_role_changed": t("تغيير دور موظف", "Staff role changed")
        case "staff_deactivated": t("إيقاف حساب موظف", "Staff member deactivated")
        case "staff_reactivated": t("إعادة تفعيل حساب موظف", "Staff member reactivated")
        case "token_created": t("إنشاء رمز وصول", "Access token created")
        case "token_revoked": t("إلغاء رمز وصول", "Access token revoked")
        case "policy_version_recorded": t("تسجيل إصدار سياسة", "Policy version recorded")
        case "association_set_up": t("إعداد الجمعية", "Association set up")
        case "audit_exported": t("تصدير سجل التدقيق", "Audit trail exported")
        case "person_created": t("تسجيل ملف شخص", "File registered")
        case "person_updated": t("تعديل ملف شخص", "File changed")
        case "person_opened": t("فتح ملف شخص", "File opened")
        case "contact_logged": t("تسجيل تواصل", "Contact logged")
        case "people_imported": t("استيراد أشخاص", "People imported")
        case "people_exported": t("تصدير قائمة أشخاص", "People exported")
        case "document_added": t("إضافة وثيقة", "Document added")
        case "document_opened": t("فتح وثيقة", "Document opened")
        case "family_member_added": t("إضافة فرد من الأسرة", "Family member added")
        case "people_merged": t("دمج ملفين", "Files merged")
        case "staff_tool_uploaded": t("رفع إصدار أداة", "Staff tool uploaded")
        case "request_received": t("استلام طلب", "Request received")
        case "request_opened": t("فتح طلب", "Request opened")
        case "declaration_voided": t("بطلان إقرار لتغيّر البيانات", "Declaration voided by a data change")
        case "declaration_code_sent": t("إرسال رمز الإقرار", "Declaration code sent")
        case "meeting_opened": t("فتح اجتماع لجنة", "Committee meeting opened")
        case "meeting_votes_recorded": t("تسجيل أصوات الأعضاء", "Members' votes recorded")
        case "meeting_item_postponed": t("تأجيل طلب إلى الاجتماع التالي", "Request postponed to the next meeting")
        case "meeting_closed": t("إغلاق اجتماع لجنة", "Committee meeting closed")
        case "workflow_settings_changed": t("تعديل إعدادات الطلبات", "Workflow settings changed")
        case "declaration_evidence_opened": t("فتح توقيع الإقرار", "Declaration signature opened")
        case "meeting_minutes_opened": t("فتح محضر اجتماع", "Meeting minutes opened")
        case "message_resent": t("إعادة إرسال رسالة", "Message resent")
        case "people_searched": t("بحث في سجل الأشخاص", "Registry searched")
        case "person_opened_for_edit": t("فتح ملف للتعديل", "File opened for editing")
        case "request_receipt_opened": t("فتح إيصال طلب", "Request receipt opened")
        case "contacts_viewed": t("عرض سجل التواصل", "Contact log viewed")
        case "meeting_viewed": t("عرض اجتماع لجنة", "Committee meeting viewed")
        case "staff_invited": t("دعوة موظف", "Staff member invited")
        case "staff_joined": t("قبول دعوة الانضمام", "Invitation accepted")
        case "request_assigned": t("إسناد طلب إلى موظف", "Request assigned")
        case "request_unassigned": t("إلغاء إسناد طلب", "Request unassigned")
        case let code where code.hasPrefix("request_"):
            RequestAction(rawValue: String(code.dropFirst(8))).map { t($0.name(.ar), $0.name(.en)) } ?? code
        default: code
        }
    }

    static func actorLabel(_ actor: String, _ t: Translator) -> String {
        switch actor {
        case "cli": t("سطر الأوامر", "Command line")
        case "anonymous": t("غير مسجّل", "Not signed in")
        default: t("النظام", "System")
        }
    }

    static let auditActions =
        [
            "sign_in", "sign_in_failed", "sign_in_throttled", "sign_out", "password_set", "password_changed",
            "password_link_requested", "staff_added", "staff_role_changed", "staff_deactivated", "staff_reactivated",
            "token_created", "token_revoked", "policy_version_recorded", "association_set_up", "audit_exported",
            "person_created", "person_updated", "person_opened", "contact_logged", "people_imported", "people_exported",
            "document_added", "document_opened", "family_member_added", "people_merged", "staff_tool_uploaded",
            "request_received", "request_opened", "declaration_voided", "declaration_code_sent", "meeting_opened",
            "meeting_votes_recorded", "meeting_closed", "workflow_settings_changed", "declaration_evidence_opened",
            "meeting_minutes_opened", "message_resent", "people_searched", "person_opened_for_edit",
            "request_receipt_opened", "contacts_viewed", "meeting_viewed", "staff_invited", "staff_joined",
            "request_assigned", "request_unassigned", "meeting_item_postponed",
        ] + RequestAction.allCases.map { "request_\($0.rawValue)" }
}
