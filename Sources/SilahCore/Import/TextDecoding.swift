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
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { rows(bytes: $0) } ?? []
    }

    /// Byte by byte: every character that ends a field or a line is ASCII, so the UTF-8 bytes
    /// between them are whole fields, turned into strings in one step.
    static func rows(bytes: UnsafeBufferPointer<UInt8>) -> [[String]] {
        let (quote, cr, lf): (UInt8, UInt8, UInt8) = (0x22, 0x0D, 0x0A)
        let delimiter = detectDelimiter(bytes)
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var index = 0
        let end = bytes.count
        while index < end {
            if bytes[index] == quote {
                // A quoted field: doubled quotes stand for one; what follows the closing quote up
                // to the next delimiter is kept as it is.
                field.removeAll(keepingCapacity: true)
                index += 1
                while index < end {
                    if bytes[index] == quote {
                        if index + 1 < end && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                while index < end && bytes[index] != delimiter && bytes[index] != cr && bytes[index] != lf {
                    field.append(bytes[index])
                    index += 1
                }
                row.append(String(decoding: field, as: UTF8.self))
            } else {
                let start = index
                while index < end && bytes[index] != delimiter && bytes[index] != cr && bytes[index] != lf {
                    index += 1
                }
                row.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
            guard index < end else { break }
            let separator = bytes[index]
            index += 1
            if separator == delimiter {
                if index == end { row.append("") }
                continue
            }
            if separator == cr && index < end && bytes[index] == lf { index += 1 }
            rows.append(row)
            row = []
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    /// The comma, semicolon or tab the header line uses most (a comma when none).
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [(UInt8, Int)] = [(0x2C, 0), (0x3B, 0), (0x09, 0)]
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D { break }
            for index in counts.indices where counts[index].0 == byte { counts[index].1 += 1 }
        }
        let best = counts.max { $0.1 < $1.1 }!
        return best.1 > 0 ? best.0 : 0x2C
    }
}
