import Vapor

/// Every route, in one place. Public pages and the public API need no sign-in; staff pages live under
/// `/{slug}/staff` behind `TenantMiddleware`; token API routes behind `TokenAuthenticator`. Each
/// group is made once here and handed to the controllers, which add only their own path.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: MetricsController())

    let api = APIRoutes(api: app.grouped(SiteURL.API.root))
    try api.open.register(collection: AssociationsAPIController())
    try api.open.register(collection: CalendarAPIController())
    try api.open.register(collection: ValidationAPIController())
    let apiControllers: [any APIRouteCollection] = [
        StaffAPIController(), PeopleAPIController(), RequestsAPIController(), AssignmentAPIController(),
    ]
    for controller in apiControllers { try controller.boot(api: api) }
    try api.open.register(collection: OpenAPIController())

    try app.register(collection: AuthController())
    try app.register(collection: SetupController())
    try app.register(collection: AccountController())
    try app.register(collection: AssignmentEmailController())
    app.get(SiteURL.chooseAssociation.pathComponents, use: StaffController().choose)

    let staff = app.grouped(SiteURL.Staff.root).grouped(TenantMiddleware())
    let staffControllers: [any RouteCollection] = [
        StaffController(), PolicyRegisterController(), StaffUsersController(), AuditController(),
        PeopleTransferController(),
        PeopleController(), PersonRecordsController(), StaffToolsController(), ContactsController(),
        RequestsController(), AssignmentController(), MeetingsController(), MessagesController(),
        WorkflowSettingsController(),
    ]
    for controller in staffControllers { try staff.register(collection: controller) }

    try app.register(collection: PublicPagesController())
    UploadRoutes.collect(app)
}
