import Foundation
import SilahCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an XLSX workbook into rows of text, as Excel shows them.
enum XLSXReader {
    struct NotAWorkbook: SilahError {
        var code: String { "not_a_workbook" }
        var reason: LocalizedReason {
            LocalizedReason(
                ar: "الملف ليس مصنف Excel صالحًا (xlsx).", en: "The file is not a valid Excel workbook (xlsx).")
        }
    }

    /// XLSX files are ZIP archives: they start with "PK".
    static func looksLikeWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func rows(_ data: Data) throws -> [[String]] {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { throw NotAWorkbook() }
        func entry(_ path: String) throws -> Data? {
            guard let file = archive[path] else { return nil }
            var content = Data()
            _ = try archive.extract(file) { content.append($0) }
            return content
        }
        let strings = try entry("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        let sheetPath = try firstSheetPath(
            workbook: entry("xl/workbook.xml"), relationships: entry("xl/_rels/workbook.xml.rels"))
        guard let sheet = try entry(sheetPath) else { throw NotAWorkbook() }
        return SheetCells.parse(sheet, strings: strings)
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

    static func parse(_ data: Data) -> [String] {
        let reader = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "si" { (inItem, current) = (true, "") }
        if name == "t" && inItem { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" {
            strings.append(current)
            inItem = false
        }
    }
}

/// The cells of a worksheet, placed by their references (B3 → row 3, column 2).
private final class SheetCells: NSObject, XMLParserDelegate {
    let strings: [String]
    var cells: [Int: [Int: String]] = [:]
    private var reference = ""
    private var type = ""
    private var value = ""
    private var capturing = false

    init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String]) -> [[String]] {
        let reader = SheetCells(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        guard let lastRow = reader.cells.keys.max() else { return [] }
        let width = (reader.cells.values.flatMap(\.keys).max() ?? 0) + 1
        return (1...lastRow).map { row in
            (0..<width).map { reader.cells[row]?[$0] ?? "" }
        }
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
        guard name == "c", let (row, column) = Self.position(reference) else { return }
        let text = type == "s" ? (Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? "") : value
        cells[row, default: [:]][column] = text
    }

    static func position(_ reference: String) -> (Int, Int)? {
        var column = 0
        var digits = ""
        for character in reference {
            if let ascii = character.asciiValue, (65...90).contains(ascii) {
                column = column * 26 + Int(ascii - 64)
            } else {
                digits.append(character)
            }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (row, column - 1)
    }
}
