import Foundation
import SilahCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an XLSX workbook into rows of text, as Excel shows them.
///
/// A workbook is a ZIP of XML: it can claim a cell at row 0 or at column XFD, or inflate a few
/// kilobytes into gigabytes. Every part is read with its inflated size counted (at most
/// `maxPartBytes`), every cell reference is checked, and the sheet may hold at most `maxRows`
/// rows, `maxColumns` columns and `maxCells` cells; past any of these the file is refused with
/// a reason in both languages, before a table is built.
enum XLSXReader {
    static let maxPartBytes = 64 * 1_048_576
    static let maxRows = 200_000
    static let maxColumns = 200
    static let maxCells = 4_000_000
    /// Excel's own limit for one cell's text.
    static let maxCellCharacters = 32_767
    /// All the sheet's text once shared strings are filled in (a short string used by every cell
    /// must not grow a few kilobytes of zip into gigabytes of text).
    static let maxTextBytes = 64 * 1_048_576

    enum Problem: SilahError, Equatable {
        case notAWorkbook
        case tooLarge
        case tooManyRows
        case tooManyColumns
        case badCell(String)

        var code: String {
            switch self {
            case .notAWorkbook: "not_a_workbook"
            case .tooLarge: "workbook_too_large"
            case .tooManyRows: "too_many_rows"
            case .tooManyColumns: "too_many_columns"
            case .badCell: "bad_cell_reference"
            }
        }

        var reason: LocalizedReason {
            switch self {
            case .notAWorkbook:
                LocalizedReason(
                    ar: "الملف ليس مصنف Excel صالحًا (xlsx).", en: "The file is not a valid Excel workbook (xlsx).")
            case .tooLarge:
                LocalizedReason(
                    ar: "المصنف أكبر من المسموح بعد فك ضغطه (٦٤ ميغابايت)؛ احفظه CSV أو قسّمه.",
                    en: "The workbook is too large once unpacked (64 MB); save it as CSV or split it.")
            case .tooManyRows:
                LocalizedReason(
                    ar: "في الورقة أكثر من \(XLSXReader.maxRows) صف؛ قسّم الملف.",
                    en: "The sheet has more than \(XLSXReader.maxRows) rows; split the file.")
            case .tooManyColumns:
                LocalizedReason(
                    ar: "في الورقة أكثر من \(XLSXReader.maxColumns) عمود؛ احذف الأعمدة الزائدة.",
                    en: "The sheet has more than \(XLSXReader.maxColumns) columns; remove the extra ones.")
            case .badCell(let reference):
                LocalizedReason(
                    ar: "في الورقة خلية بمرجع غير صالح (\(reference.prefix(20))).",
                    en: "The sheet has a cell with an invalid reference (\(reference.prefix(20))).")
            }
        }
    }

    /// XLSX files are ZIP archives: they start with "PK".
    static func looksLikeWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func rows(_ data: Data) throws -> [[String]] {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else {
            throw Problem.notAWorkbook
        }
        func entry(_ path: String) throws -> Data? {
            guard let file = archive[path] else { return nil }
            guard file.uncompressedSize <= UInt64(maxPartBytes) else { throw Problem.tooLarge }
            var content = Data()
            do {
                // The declared size can lie: the inflated bytes are counted as they come.
                _ = try archive.extract(file, skipCRC32: false) { chunk in
                    guard content.count + chunk.count <= maxPartBytes else { throw Problem.tooLarge }
                    content.append(chunk)
                }
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem.notAWorkbook
            }
            return content
        }
        let strings = try entry("xl/sharedStrings.xml").map { try SharedStrings.parse($0) } ?? []
        let sheetPath = try firstSheetPath(
            workbook: entry("xl/workbook.xml"), relationships: entry("xl/_rels/workbook.xml.rels"))
        guard let sheet = try entry(sheetPath) else { throw Problem.notAWorkbook }
        return try SheetCells.parse(sheet, strings: strings)
    }

    private static func firstSheetPath(workbook: Data?, relationships: Data?) -> String {
        guard let workbook, let relationships,
            let id = Attributes.first(in: workbook, element: "sheet", attribute: "r:id"),
            let target = Attributes.all(in: relationships, element: "Relationship").first(where: { $0["Id"] == id })?[
                "Target"]
        else { return "xl/worksheets/sheet1.xml" }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
}

/// Collects attributes of elements by name.
private final class Attributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    static func all(in data: Data, element: String) -> [[String: String]] {
        let collector = Attributes(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.found
    }

    static func first(in data: Data, element: String, attribute: String) -> String? {
        all(in: data, element: element).first?[attribute]
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == element || qualifiedName == element { found.append(attributes) }
    }
}

/// The workbook's shared strings, in order (rich text runs joined).
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inItem = false

    private var tooLong = false

    static func parse(_ data: Data) throws -> [String] {
        let reader = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        if reader.tooLong { throw XLSXReader.Problem.tooLarge }
        return reader.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "si" { (inItem, current) = (true, "") }
        if name == "t" && inItem { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        current += string
        if current.utf16.count > XLSXReader.maxCellCharacters {
            tooLong = true
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" {
            strings.append(current)
            inItem = false
        }
    }
}

/// The cells of a worksheet, placed by their references (B3 → row 3, column 2); parsing stops at
/// the first reference out of bounds or past a limit.
private final class SheetCells: NSObject, XMLParserDelegate {
    let strings: [String]
    var cells: [Int: [Int: String]] = [:]
    var problem: XLSXReader.Problem?
    private var cellCount = 0
    private var textBytes = 0
    private var reference = ""
    private var type = ""
    private var value = ""
    private var capturing = false

    init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String]) throws -> [[String]] {
        let reader = SheetCells(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        if let problem = reader.problem { throw problem }
        guard let lastRow = reader.cells.keys.max() else { return [] }
        let width = (reader.cells.values.flatMap(\.keys).max() ?? 0) + 1
        guard lastRow <= XLSXReader.maxRows else { throw XLSXReader.Problem.tooManyRows }
        guard lastRow * width <= XLSXReader.maxCells else { throw XLSXReader.Problem.tooLarge }
        return (1...lastRow).map { row in
            (0..<width).map { reader.cells[row]?[$0] ?? "" }
        }
    }

    private func stop(_ parser: XMLParser, _ problem: XLSXReader.Problem) {
        self.problem = problem
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "c":
            reference = attributes["r"] ?? ""
            type = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            capturing = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if capturing { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "v" || name == "t" { capturing = false }
        guard name == "c", problem == nil else { return }
        guard let (row, column) = Self.position(reference) else { return stop(parser, .badCell(reference)) }
        guard row <= XLSXReader.maxRows else { return stop(parser, .tooManyRows) }
        guard column < XLSXReader.maxColumns else { return stop(parser, .tooManyColumns) }
        cellCount += 1
        guard cellCount <= XLSXReader.maxCells else { return stop(parser, .tooLarge) }
        let text = type == "s" ? (Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? "") : value
        textBytes += text.utf8.count
        guard textBytes <= XLSXReader.maxTextBytes, text.utf16.count <= XLSXReader.maxCellCharacters else {
            return stop(parser, .tooLarge)
        }
        cells[row, default: [:]][column] = text
    }

    /// `B3` → (3, 1); `nil` unless 1–3 letters (A…XFD) then a row number from 1 to 1,048,576.
    static func position(_ reference: String) -> (Int, Int)? {
        let letters = reference.prefix { $0.isASCII && $0.isUppercase }
        let digits = reference.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count), digits.allSatisfy(\.isASCII),
            let row = Int(digits), (1...1_048_576).contains(row)
        else { return nil }
        let column = letters.reduce(0) { $0 * 26 + Int($1.asciiValue! - 64) }
        guard column <= 16_384 else { return nil }
        return (row, column - 1)
    }
}
