import Vapor

/// Every route, in one place. Public pages and the public API need no sign-in; staff pages live under
/// `/{slug}/staff` behind `TenantMiddleware`; token API routes behind `TokenAuthenticator`.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    let api = app.grouped(SiteURL.API.root)
    try api.register(collection: AssociationsAPIController())
    try api.register(collection: CalendarAPIController())
    try api.register(collection: ValidationAPIController())
    try api.register(collection: StaffAPIController())
    try api.register(collection: PeopleAPIController())
    try api.register(collection: RequestsAPIController())
    try api.register(collection: AssignmentAPIController())
    try api.register(collection: OpenAPIController())
    try app.register(collection: AuthController())
    try app.register(collection: SetupController())
    try app.register(collection: AccountController())
    try app.register(collection: StaffController())
    try app.register(collection: StaffUsersController())
    try app.register(collection: AuditController())
    try app.register(collection: PeopleTransferController())
    try app.register(collection: PeopleController())
    try app.register(collection: PersonRecordsController())
    try app.register(collection: StaffToolsController())
    try app.register(collection: ContactsController())
    try app.register(collection: RequestsController())
    try app.register(collection: AssignmentController())
    try app.register(collection: AssignmentEmailController())
    try app.register(collection: MeetingsController())
    try app.register(collection: WorkflowSettingsController())
    try app.register(collection: PublicPagesController())
    UploadRoutes.collect(app)
}
