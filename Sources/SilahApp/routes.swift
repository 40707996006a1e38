import Vapor

/// Every route, in one place. Public pages and the public API need no sign-in.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    let api = app.grouped(SiteURL.API.root)
    try api.register(collection: AssociationsAPIController())
    try api.register(collection: CalendarAPIController())
    try api.register(collection: ValidationAPIController())
    try app.register(collection: PublicPagesController())
}
