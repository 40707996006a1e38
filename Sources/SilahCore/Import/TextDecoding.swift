import Foundation

/// Reads the bytes of a spreadsheet export in whatever encoding Excel wrote it.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8
        case utf16LittleEndian = "utf16le"
        case utf16BigEndian = "utf16be"
        case windows1256
    }

    /// The text and the encoding it was found in: a byte-order mark decides; otherwise valid UTF-8
    /// is UTF-8, zero bytes in every other place mean UTF-16, and anything else is Windows-1256.
    public static func decode(_ data: Data) -> (String, Encoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (String(decoding: bytes.dropFirst(3), as: UTF8.self), .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (utf16(Array(bytes.dropFirst(2)), littleEndian: true), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (utf16(Array(bytes.dropFirst(2)), littleEndian: false), .utf16BigEndian)
        }
        // Without a mark, UTF-16 shows in its high bytes: 0x00 for ASCII, 0x06 for Arabic, in nearly
        // every other byte. Text in any 8-bit encoding never looks like that (0x06 is a control code).
        let sample = Array(bytes.prefix(800))
        func highBytesLookUTF16(from start: Int) -> Bool {
            let highs = stride(from: start, to: sample.count, by: 2).map { sample[$0] }
            return highs.count >= 2
                && Double(highs.filter { $0 == 0x00 || $0 == 0x06 }.count) >= Double(highs.count) * 0.9
        }
        if bytes.count >= 4 && bytes.count % 2 == 0 {
            if highBytesLookUTF16(from: 1) { return (utf16(bytes, littleEndian: true), .utf16LittleEndian) }
            if highBytesLookUTF16(from: 0) { return (utf16(bytes, littleEndian: false), .utf16BigEndian) }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        return (Windows1256.decode(bytes), .windows1256)
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// Reads CSV as Excel writes it: quoted fields with doubled quotes and line breaks inside, and
/// a comma, semicolon or tab between fields (whichever the header line uses).
public enum CSVReader {
    public static func rows(_ text: String) -> [[String]] {
        let delimiter = detectDelimiter(text)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case delimiter:
                row.append(field)
                field = ""
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                row.append(field)
                rows.append(row)
                (row, field) = ([], "")
            case "\n":
                row.append(field)
                rows.append(row)
                (row, field) = ([], "")
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    static func detectDelimiter(_ text: String) -> Unicode.Scalar {
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let counts: [(Unicode.Scalar, Int)] = [(",", 0), (";", 0), ("\t", 0)].map { delimiter, _ in
            (delimiter, header.unicodeScalars.filter { $0 == delimiter }.count)
        }
        return counts.max { $0.1 < $1.1 }.map { $0.1 > 0 ? $0.0 : "," } ?? ","
    }
}
