import Vapor

/// The body of every error the API answers with.
struct ErrorDTO: Content {
    /// A stable machine-readable code, such as `date_out_of_range`.
    let error: String
    let reason: String
    let reasonAr: String
    let reasonEn: String
}
