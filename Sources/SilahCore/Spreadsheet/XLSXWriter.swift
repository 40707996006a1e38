import Foundation

/// Writes a one-sheet XLSX workbook: what Excel opens with Arabic intact and right to left.
/// The package is a ZIP of stored (uncompressed) entries, which every reader accepts.
public enum XLSXWriter {
    public static func workbook(rows: [[String]], sheetName: String = "Sheet1", rightToLeft: Bool = true) -> Data {
        var zip = StoredZip()
        zip.add("[Content_Types].xml", contentTypes)
        zip.add("_rels/.rels", rootRelationships)
        zip.add("xl/workbook.xml", workbookXML(sheetName))
        zip.add("xl/_rels/workbook.xml.rels", workbookRelationships)
        zip.add("xl/worksheets/sheet1.xml", sheetXML(rows, rightToLeft: rightToLeft))
        return zip.finish()
    }

    static func sheetXML(_ rows: [[String]], rightToLeft: Bool) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml +=
            #"<sheetViews><sheetView workbookViewId="0""# + (rightToLeft ? #" rightToLeft="1""# : "")
            + "/></sheetViews><sheetData>"
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, value) in row.enumerated() {
                xml +=
                    #"<c r="\#(columnName(c))\#(r + 1)" t="inlineStr"><is><t xml:space="preserve">\#(escape(value))</t></is></c>"#
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// A, B, … Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // Control characters are not allowed in XML 1.0, except tab and line breaks.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let contentTypes = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
        """#
    static let rootRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """#
    static let workbookRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """#

    static func workbookXML(_ sheetName: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""#
            + escape(String(sheetName.prefix(31))) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    }
}

/// A ZIP archive of stored entries (no compression), with CRC-32, local headers and a central directory.
struct StoredZip {
    private var body = Data()
    private var central = Data()
    private var count: UInt16 = 0

    mutating func add(_ name: String, _ text: String) {
        let content = Data(text.utf8)
        let nameBytes = Data(name.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(body.count)
        // Local file header.
        body.append(le32(0x0403_4B50))
        body.append(le16(20)); body.append(le16(0x0800)); body.append(le16(0))  // version, UTF-8 names, stored
        body.append(le16(0)); body.append(le16(0x21))  // time, date (1980-01-01)
        body.append(le32(crc)); body.append(le32(UInt32(content.count))); body.append(le32(UInt32(content.count)))
        body.append(le16(UInt16(nameBytes.count))); body.append(le16(0))
        body.append(nameBytes)
        body.append(content)
        // Central directory entry.
        central.append(le32(0x0201_4B50))
        central.append(le16(20)); central.append(le16(20)); central.append(le16(0x0800)); central.append(le16(0))
        central.append(le16(0)); central.append(le16(0x21))
        central.append(le32(crc)); central.append(le32(UInt32(content.count)));
        central.append(le32(UInt32(content.count)))
        central.append(le16(UInt16(nameBytes.count))); central.append(le16(0)); central.append(le16(0))
        central.append(le16(0)); central.append(le16(0)); central.append(le32(0)); central.append(le32(offset))
        central.append(nameBytes)
        count += 1
    }

    func finish() -> Data {
        var archive = body
        archive.append(central)
        archive.append(le32(0x0605_4B50))
        archive.append(le16(0)); archive.append(le16(0)); archive.append(le16(count)); archive.append(le16(count))
        archive.append(le32(UInt32(central.count))); archive.append(le32(UInt32(body.count))); archive.append(le16(0))
        return archive
    }

    private func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    private func le32(_ value: UInt32) -> Data { Data((0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }) }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
