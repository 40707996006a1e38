import Foundation

/// Finds the Arabic–English pairs written in Swift source: `t("عربي", "English")` and every
/// argument list with `ar:` then `en:` (`LocalizedReason(ar:en:)`, `ApplicantMessage(ar:en:)`),
/// also inside string interpolations. A small lexer over comments and string literals, enough to
/// read this repository's code; not a Swift parser.
enum PairScanner {
    struct Pair {
        let line: Int
        let arabic: Side
        let english: Side

        /// What a reader would find wrong with the pair, in words.
        var problems: [String] {
            var found: [String] = []
            if arabic.isEmpty { found.append("empty Arabic") }
            // Words without one Arabic letter, or a bare literal without any Arabic; a separator
            // such as " — " placed between values is fine.
            let letters = arabic.text.unicodeScalars.filter(\.properties.isAlphabetic)
            let anyArabic = arabic.text.unicodeScalars.contains(where: PairScanner.isArabic)
            if !arabic.isEmpty,
                (!letters.isEmpty && !letters.contains(where: PairScanner.isArabic))
                    || (arabic.hasLiteral && arabic.names.isEmpty && !anyArabic)
            {
                found.append("no Arabic in the Arabic text «\(arabic.text)»")
            }
            if english.isEmpty {
                found.append("empty English")
            } else if english.text.unicodeScalars.contains(where: PairScanner.isArabic) {
                found.append("Arabic in the English text “\(english.text)”")
            }
            if let name = arabic.names.first(where: { $0 == "en" || $0.hasSuffix(inCase: "En") }) {
                found.append("English value \(name) on the Arabic side")
            }
            if let name = english.names.first(where: { $0 == "ar" || $0.hasSuffix(inCase: "Ar") }) {
                found.append("Arabic value \(name) on the English side")
            }
            return found
        }
    }

    /// One side of a pair: the text of its string literals (interpolations left out) and the names
    /// it reads, in code and in interpolations.
    struct Side {
        var text = ""
        var hasLiteral = false
        var names: [String] = []

        /// Nothing to read: only blank literals and no value beside them.
        var isEmpty: Bool {
            hasLiteral && names.isEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }

    static func pairs(in source: String) -> [Pair] {
        var lexer = Lexer(Array(source.unicodeScalars))
        var streams: [[Token]] = []
        let main = lexer.tokens(into: &streams)
        streams.append(main)
        return streams.flatMap(pairs(inStream:)).sorted { $0.line < $1.line }
    }

    private static func pairs(inStream tokens: [Token]) -> [Pair] {
        var found: [Pair] = []
        for index in tokens.indices {
            if case .name("t") = tokens[index].kind, index + 1 < tokens.count, tokens[index + 1].kind == .punct("("),
                index == 0 || tokens[index - 1].kind != .name("func")
            {
                let arguments = splitArguments(tokens, openingAt: index + 1)
                if arguments.count == 2, !isLabelled(arguments[0]) {
                    found.append(
                        Pair(line: tokens[index].line, arabic: side(arguments[0]), english: side(arguments[1])))
                }
            }
            if case .name("ar") = tokens[index].kind, index > 0,
                [Token.Kind.punct("("), .punct(",")].contains(tokens[index - 1].kind),
                index + 1 < tokens.count, tokens[index + 1].kind == .punct(":")
            {
                let arabic = argument(tokens, from: index + 2)
                let next = arabic.end
                guard next + 2 < tokens.count, tokens[next].kind == .punct(","), tokens[next + 1].kind == .name("en"),
                    tokens[next + 2].kind == .punct(":")
                else { continue }
                let english = argument(tokens, from: next + 3)
                found.append(Pair(line: tokens[index].line, arabic: side(arabic.tokens), english: side(english.tokens)))
            }
        }
        return found
    }

    private static func isLabelled(_ argument: [Token]) -> Bool {
        guard argument.count > 1, case .name = argument[0].kind else { return false }
        return argument[1].kind == .punct(":")
    }

    /// The arguments of the call whose "(" is at `open`, split at its own commas.
    private static func splitArguments(_ tokens: [Token], openingAt open: Int) -> [[Token]] {
        var arguments: [[Token]] = []
        var index = open + 1
        while index < tokens.count {
            let next = argument(tokens, from: index)
            arguments.append(next.tokens)
            guard next.end < tokens.count, tokens[next.end].kind == .punct(",") else { break }
            index = next.end + 1
        }
        return arguments
    }

    /// The tokens from `start` up to the next comma or closing bracket at the same depth.
    private static func argument(_ tokens: [Token], from start: Int) -> (tokens: [Token], end: Int) {
        var depth = 0
        var index = start
        while index < tokens.count {
            switch tokens[index].kind {
            case .punct("("), .punct("["), .punct("{"): depth += 1
            case .punct(")"), .punct("]"), .punct("}"):
                if depth == 0 { return (Array(tokens[start..<index]), index) }
                depth -= 1
            case .punct(",") where depth == 0: return (Array(tokens[start..<index]), index)
            default: break
            }
            index += 1
        }
        return (Array(tokens[start..<index]), index)
    }

    private static func side(_ tokens: [Token]) -> Side {
        var side = Side()
        for token in tokens {
            switch token.kind {
            case .name(let name): side.names.append(name)
            case .string(let text, let names):
                side.text += text
                side.hasLiteral = true
                side.names += names
            case .punct: break
            }
        }
        return side
    }

    struct Token {
        enum Kind: Equatable {
            case name(String)
            case string(String, names: [String])
            case punct(Unicode.Scalar)
        }

        let kind: Kind
        let line: Int
    }

    private struct Lexer {
        let scalars: [Unicode.Scalar]
        var position = 0
        var line = 1

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        private mutating func advance() {
            if scalars[position] == "\n" { line += 1 }
            position += 1
        }

        private func starts(with text: String) -> Bool {
            for (offset, scalar) in text.unicodeScalars.enumerated() where peek(offset) != scalar { return false }
            return true
        }

        /// The tokens up to the end, or up to the ")" that closes an interpolation; the tokens of
        /// interpolations met on the way go to `nested`.
        mutating func tokens(into nested: inout [[Token]], interpolation: Bool = false) -> [Token] {
            var tokens: [Token] = []
            var depth = 0
            while let scalar = peek() {
                if starts(with: "//") {
                    while let c = peek(), c != "\n" { advance() }
                } else if starts(with: "/*") {
                    skipBlockComment()
                } else if scalar == "\"" || (scalar == "#" && (peek(1) == "\"" || peek(1) == "#")) {
                    let startLine = line
                    let (text, names) = stringLiteral(into: &nested)
                    tokens.append(Token(kind: .string(text, names: names), line: startLine))
                } else if scalar.properties.isAlphabetic || scalar == "_" || scalar == "$" || isDigit(scalar) {
                    let startLine = line
                    var name = ""
                    while let c = peek(), c.properties.isAlphabetic || c == "_" || c == "$" || isDigit(c) {
                        name.unicodeScalars.append(c)
                        advance()
                    }
                    tokens.append(Token(kind: .name(name), line: startLine))
                } else if scalar == "`" {
                    advance()
                    var name = ""
                    while let c = peek(), c != "`" {
                        name.unicodeScalars.append(c)
                        advance()
                    }
                    if peek() != nil { advance() }
                    tokens.append(Token(kind: .name(name), line: line))
                } else if scalar.properties.isWhitespace {
                    advance()
                } else {
                    if interpolation, scalar == ")", depth == 0 {
                        advance()
                        return tokens
                    }
                    if scalar == "(" { depth += 1 }
                    if scalar == ")" { depth -= 1 }
                    tokens.append(Token(kind: .punct(scalar), line: line))
                    advance()
                }
            }
            return tokens
        }

        private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        private mutating func skipBlockComment() {
            var depth = 0
            while peek() != nil {
                if starts(with: "/*") {
                    depth += 1
                    advance()
                    advance()
                } else if starts(with: "*/") {
                    depth -= 1
                    advance()
                    advance()
                    if depth == 0 { return }
                } else {
                    advance()
                }
            }
        }

        /// Reads "…", """…""" or #"…"#; returns its text without interpolations and the names the
        /// interpolations read (their tokens also go to `nested`).
        private mutating func stringLiteral(into nested: inout [[Token]]) -> (String, [String]) {
            var hashes = 0
            while peek() == "#" {
                hashes += 1
                advance()
            }
            let multiline = starts(with: "\"\"\"")
            let delimiter = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
            for _ in 0..<(multiline ? 3 : 1) { advance() }
            var text = ""
            var names: [String] = []
            while let scalar = peek() {
                if starts(with: delimiter) {
                    for _ in delimiter.unicodeScalars { advance() }
                    break
                }
                if scalar == "\\", starts(with: "\\" + String(repeating: "#", count: hashes)) {
                    for _ in 0...hashes { advance() }
                    if peek() == "(" {
                        advance()
                        let inner = tokens(into: &nested, interpolation: true)
                        nested.append(inner)
                        names += inner.compactMap { if case .name(let name) = $0.kind { name } else { nil } }
                    } else if let escaped = peek() {
                        if escaped != "\n" { text.unicodeScalars.append(escaped == "n" ? "\n" : escaped) }
                        advance()
                    }
                    continue
                }
                text.unicodeScalars.append(scalar)
                advance()
            }
            return (text, names)
        }
    }
}

extension String {
    /// "nameEn" ends in the word "En"; "KEn" or "En" alone do not.
    fileprivate func hasSuffix(inCase suffix: String) -> Bool {
        guard hasSuffix(suffix), count > suffix.count else { return false }
        let before = self[index(endIndex, offsetBy: -suffix.count - 1)]
        return before.isLowercase || before.isNumber
    }
}
