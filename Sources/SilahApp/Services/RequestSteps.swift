import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

extension RequestDesk {
    /// The social researcher's case study: visit or interview, needs found, recommendation.
    struct Study {
        let details: [String: String]

        init(input: ActionInput, person: Person) throws {
            let kind = input.studyKind ?? "visit"
            guard ["visit", "interview"].contains(kind) else {
                throw LocalizedAbort.unprocessable(
                    field: "studyKind",
                    LocalizedReason(ar: "اختر زيارة أو مقابلة.", en: "Choose a visit or an interview."))
            }
            let needs = (input.needs ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let recommendation = (input.recommendation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !needs.isEmpty else {
                throw LocalizedAbort.unprocessable(
                    field: "needs", LocalizedReason(ar: "اكتب الاحتياجات التي وُجدت.", en: "Write the needs found."))
            }
            guard !recommendation.isEmpty else {
                throw LocalizedAbort.unprocessable(
                    field: "recommendation", LocalizedReason(ar: "اكتب التوصية.", en: "Write the recommendation."))
            }
            var income: Int?
            if let found = try Delivery.halalas(input.incomePerMember, field: "incomePerMember") {
                income = found
            } else if let perMember = Household.incomePerMember(income: person.householdIncome, size: person.familySize)
            {
                income = Int((perMember * 100).rounded())
            }
            guard let income else {
                throw LocalizedAbort.unprocessable(
                    field: "incomePerMember",
                    LocalizedReason(
                        ar: "اكتب الدخل لكل فرد من أفراد الأسرة (أو سجّل دخل الأسرة وعدد أفرادها في الملف).",
                        en: "Write the income per family member (or record household income and size on the file)."))
            }
            details = [
                "studyKind": kind, "needs": needs, "recommendation": recommendation,
                "incomePerMember": SAR.text(income),
            ]
        }
    }

    /// One delivery of the service; amounts in SAR with at most two decimals.
    struct Delivery {
        let what: String
        let quantity: Double?
        let amountHalalas: Int?
        let deliveredOn: GregorianDate

        init(input: ActionInput, today: GregorianDate) throws {
            what = (input.what ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !what.isEmpty else {
                throw LocalizedAbort.unprocessable(
                    field: "what", LocalizedReason(ar: "اكتب ما قُدّم.", en: "Write what was delivered."))
            }
            let quantityText = Digits.asciiDigits(input.quantity ?? "").replacingOccurrences(of: "٫", with: ".")
                .replacingOccurrences(of: "٬", with: "").trimmingCharacters(in: .whitespaces)
            if quantityText.isEmpty {
                quantity = nil
            } else if quantityText.count <= 12, let value = Double(quantityText), value.isFinite, value > 0,
                value <= 1_000_000
            {
                quantity = value
            } else {
                throw LocalizedAbort.unprocessable(
                    field: "quantity",
                    LocalizedReason(
                        ar: "الكمية رقم أكبر من صفر لا يتجاوز مليونًا.",
                        en: "Quantity is a number above zero, at most a million."))
            }
            amountHalalas = try Self.halalas(input.amount, field: "amount")
            if let text = input.deliveredOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard let date = try? DateInput.parse(text).gregorian, date <= today else {
                    throw LocalizedAbort.unprocessable(
                        field: "deliveredOn",
                        LocalizedReason(
                            ar: "تاريخ التقديم: تاريخ صحيح لا يتجاوز اليوم.",
                            en: "Delivery date: a valid date, not in the future."))
                }
                deliveredOn = date
            } else {
                deliveredOn = today
            }
        }

        /// "1500", "1,500.50", "١٥٠٠٫٥" → halalas.
        static func halalas(_ text: String?, field: String) throws -> Int? {
            let cleaned = Digits.asciiDigits(text ?? "").replacingOccurrences(of: ",", with: "")
                .replacingOccurrences(of: "٬", with: "").replacingOccurrences(of: "٫", with: ".")
                .trimmingCharacters(in: .whitespaces)
            guard !cleaned.isEmpty else { return nil }
            // Digits and one point only: "0.-9" or "1e3" is not an amount.
            let plain = cleaned.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
            guard plain, parts.count <= 2, !parts[0].isEmpty, parts[0].count <= 9, let riyals = Int(parts[0]),
                riyals >= 0, riyals < 100_000_000,
                parts.count == 1 || (1...2).contains(parts[1].count) && Int(parts[1]) != nil
            else {
                throw LocalizedAbort.unprocessable(
                    field: field,
                    LocalizedReason(
                        ar: "المبلغ بالريال، مثل 1500 أو 1500.50.", en: "An amount in SAR, such as 1500 or 1500.50."))
            }
            let fraction = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
            return riyals * 100 + fraction
        }

        var details: [String: String] {
            var out = ["what": what, "deliveredOn": deliveredOn.iso]
            if let quantity { out["quantity"] = String(quantity) }
            if let amountHalalas { out["amountSAR"] = SAR.text(amountHalalas) }
            return out
        }

        var summaryAr: String {
            what + (amountHalalas.map { " (\(SAR.text($0)) ريال)" } ?? "")
        }
    }
}
