import Foundation

extension String {
    var nilIfBlank: String? { allSatisfy(\.isWhitespace) ? nil : self }
}
