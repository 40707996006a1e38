/// Where Silah may send a browser after a form: a path on this site, never another site.
public enum SafeRedirect {
    /// `next` when it is a plain path on this site; `nil` for anything a browser could read as
    /// another host (`//evil`, `/\evil`, `\\evil`, `https://…`) or that carries control characters.
    public static func localPath(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), next.count <= 2_000 else { return nil }
        let second = next.dropFirst().first
        guard second != "/", second != "\\" else { return nil }
        let bad = next.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F || $0 == " " }
        return bad ? nil : next
    }

    /// A request's own path made safe to put in a link on the same page: leading slashes folded to
    /// one, so `//evil.example` becomes `/evil.example`.
    public static func samePagePath(_ path: String) -> String {
        var trimmed = Substring(path)
        while let first = trimmed.first, first == "/" || first == "\\" { trimmed = trimmed.dropFirst() }
        let cleaned = String(trimmed.unicodeScalars.filter { $0 != "\\" && $0.value >= 0x20 && $0.value != 0x7F })
        return "/" + cleaned
    }
}
