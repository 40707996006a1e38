import Vapor

/// The JSON API's route groups, each made once in `routes(_:)` and handed to every API controller,
/// so no controller attaches the token or tenant middleware itself.
struct APIRoutes {
    /// `/api/v1`: no token needed.
    let open: any RoutesBuilder
    /// `/api/v1` with a valid token, in no particular association.
    let signedIn: any RoutesBuilder
    /// `/api/v1/associations/{slug}`: the token must belong to that association (`APITenantMiddleware`).
    let association: any RoutesBuilder
    /// `/api/v1` scoped to the token's own association (`TokenTenantMiddleware`).
    let tokenAssociation: any RoutesBuilder

    init(api: any RoutesBuilder) {
        open = api
        signedIn = api.grouped(TokenAuthenticator())
        association = signedIn.grouped(SiteURL.API.association).grouped(APITenantMiddleware())
        tokenAssociation = signedIn.grouped(TokenTenantMiddleware())
    }
}

/// An API controller: registers its routes on the groups of `APIRoutes`.
protocol APIRouteCollection {
    func boot(api: APIRoutes) throws
}
