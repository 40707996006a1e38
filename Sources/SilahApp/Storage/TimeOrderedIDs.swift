import Foundation

/// Ids for rows written in bulk or all the time: UUID version 7 (RFC 9562), the time in
/// milliseconds first and then a counter, so that one import's ids follow each other. Inserting
/// them in that order appends to one corner of the primary-key index instead of touching a page of
/// it per row — a page that, in a file larger than memory, has to be read from disk first. Measured
/// in BENCHMARKS.md: with random ids, an intake's timeline line, audit record and message each
/// waited for a disk read while holding SQLite's one writer.
struct TimeOrderedIDs {
    private var milliseconds: UInt64
    private var counter: UInt16 = 0

    init(now: Date = Date()) { milliseconds = UInt64(now.timeIntervalSince1970 * 1000) }

    /// One id for now.
    static func one(now: Date = Date()) -> UUID {
        var ids = TimeOrderedIDs(now: now)
        return ids.next()
    }

    mutating func next() -> UUID {
        counter += 1
        if counter > 0x0FFF {
            (counter, milliseconds) = (0, milliseconds + 1)
        }
        var random = SystemRandomNumberGenerator()
        let tail = random.next() as UInt64
        return UUID(
            uuid: (
                UInt8(truncatingIfNeeded: milliseconds >> 40), UInt8(truncatingIfNeeded: milliseconds >> 32),
                UInt8(truncatingIfNeeded: milliseconds >> 24), UInt8(truncatingIfNeeded: milliseconds >> 16),
                UInt8(truncatingIfNeeded: milliseconds >> 8), UInt8(truncatingIfNeeded: milliseconds),
                0x70 | UInt8(counter >> 8), UInt8(truncatingIfNeeded: counter),
                0x80 | UInt8(truncatingIfNeeded: tail >> 58), UInt8(truncatingIfNeeded: tail >> 48),
                UInt8(truncatingIfNeeded: tail >> 40), UInt8(truncatingIfNeeded: tail >> 32),
                UInt8(truncatingIfNeeded: tail >> 24), UInt8(truncatingIfNeeded: tail >> 16),
                UInt8(truncatingIfNeeded: tail >> 8), UInt8(truncatingIfNeeded: tail)
            ))
    }
}
